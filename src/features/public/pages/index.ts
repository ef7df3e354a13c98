// "Make a complaint about the police": the public pages, no sign-in, in the order a complainant meets them.
import { paths } from '../../../paths.ts'
import { pages, PUBLIC } from '../../../web/pages.ts'
import { complaintHandlers, type ComplaintPagesDeps } from './complaint.ts'

// The spam check the journeys wait out.

/** Per address: moving between pages is frequent, sending a complaint rare. */
const stepLimit = { config: { rateLimit: { max: 120, timeWindow: 10 * 60_000 } } }
const sendLimit = { config: { rateLimit: { max: 5, timeWindow: 60 * 60_000 } } }

export const complaintPages = pages<ComplaintPagesDeps>(PUBLIC, (app, deps) => {
  const complaint = complaintHandlers(deps)
  app.get(paths.complain.start.pattern, complaint.startPage) // complaint.ts → views/start.njk
  app.get(paths.complain.step.pattern, complaint.firstStep) // → views/force.njk (later steps only by posting)
  app.post(paths.complain.step.pattern, stepLimit, complaint.answerStep) // → views/<step>.njk (complaint-view.ts)
  app.post(paths.complain.step.href({ step: 'check' }), sendLimit, complaint.sendComplaint)
  app.get(paths.complain.sent.pattern, complaint.sentPage) // → views/sent.njk
})
