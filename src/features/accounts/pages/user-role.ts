// Changing an account's role and force. Only an enabled account other than one's own can be changed; any
// other is "Page not found". The service ends the account's sessions, so its user signs in again.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Actor, Role } from '../../../domain/permissions.ts'
import { HttpProblem, type FieldProblem } from '../../../http/errors.ts'
import { paths } from '../../../paths.ts'
import { addError, noErrors, problemsToErrors, text, type PageErrors } from '../../../web/form.ts'
import { ROLE_LABELS } from '../../../domain/labels.ts'
import { IdParams, pageActor, pageForm, pageParams, renderNotFound } from '../../../web/pages.ts'
import type { ForceService } from '../../forces/service.ts'
import type { UserService } from '../service.ts'
import type { UserSummary } from '../summaries.ts'
import { ACCOUNT_FIELDS, placementOptions } from './account-form.ts'

export function userRoleHandlers({ users, forces }: { users: UserService; forces: ForceService }) {
  /** The account whose role is being changed, if the administrator may change it; otherwise null. */
  async function changeable(actor: Actor, id: string) {
    const user = (await users.list(actor)).find((u) => u.id === id)
    return user && !user.disabled && user.id !== actor.userId ? user : null
  }

  async function showForm(
    reply: FastifyReply,
    user: UserSummary,
    values: Record<string, string>,
    errors: PageErrors,
  ) {
    return reply.code(errors.list.length ? 400 : 200).render('accounts/pages/views/user-role.njk', {
      pageTitle: `Change the role of ${user.username}`,
      account: { ...user, roleLabel: ROLE_LABELS[user.role] },
      values,
      errors,
      ...(await placementOptions(forces, values)),
    })
  }

  async function roleForm(request: FastifyRequest, reply: FastifyReply) {
    const user = await changeable(pageActor(request), pageParams(request, IdParams).id)
    if (!user) return renderNotFound(reply)
    return showForm(reply, user, { role: user.role, force: user.force ?? '' }, noErrors())
  }

  async function changeRole(request: FastifyRequest, reply: FastifyReply) {
    const actor = pageActor(request)
    const user = await changeable(actor, pageParams(request, IdParams).id)
    if (!user) return renderNotFound(reply)
    const body = pageForm(request)
    const values = { role: text(body, 'role'), force: text(body, 'force') }
    if (!values.role) return showForm(reply, user, values, addError(noErrors(), 'role', 'Select the role'))
    try {
      const changed = await users.changePlacement(actor, actor.username, user.id, {
        role: values.role as Role,
        force: values.force || null,
      })
      const resolver = await forces.resolver()
      const where = changed.force ? `, ${resolver.name(changed.force) ?? changed.force}` : ''
      reply.flash(
        `${changed.username} is now ${ROLE_LABELS[changed.role].toLowerCase()}${where}: they sign in again`,
      )
      return reply.redirect(paths.admin.users.href(), 303)
    } catch (error) {
      if (!(error instanceof HttpProblem) || ![400, 409].includes(error.statusCode)) throw error
      // Disabled meanwhile, say: the list shows how the account now stands.
      if (error.statusCode === 409) return reply.flash(error.message).redirect(paths.admin.users.href(), 303)
      const problems = (error.extra.fields ?? [{ path: 'role', message: error.message }]) as FieldProblem[]
      return showForm(reply, user, values, problemsToErrors(problems, ACCOUNT_FIELDS, 'role'))
    }
  }

  return { roleForm, changeRole }
}
