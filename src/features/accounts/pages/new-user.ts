// Creating a staff account: the form (username, name, role and force), then the page that shows its
// generated password once.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { ROLES } from '../../../domain/permissions.ts'
import { HttpProblem, type FieldProblem } from '../../../http/errors.ts'
import { noErrors, problemsToErrors, text, type PageErrors } from '../../../web/form.ts'
import { ROLE_LABELS } from '../../../domain/labels.ts'
import { pageActor, pageForm } from '../../../web/pages.ts'
import type { ForceService } from '../../forces/service.ts'
import type { UserService } from '../service.ts'
import { ACCOUNT_FIELDS, placementOptions } from './account-form.ts'

export function newUserHandlers({ users, forces }: { users: UserService; forces: ForceService }) {
  async function showForm(
    reply: FastifyReply,
    values: Record<string, string>,
    errors: PageErrors,
    status = 200,
  ) {
    return reply.code(status).render('accounts/pages/views/new-user.njk', {
      pageTitle: 'Create a staff account',
      values,
      errors,
      ...(await placementOptions(forces, values)),
    })
  }

  async function newUserForm(_request: FastifyRequest, reply: FastifyReply) {
    return showForm(reply, {}, noErrors())
  }

  async function createUser(request: FastifyRequest, reply: FastifyReply) {
    const actor = pageActor(request)
    const body = pageForm(request)
    const values = Object.fromEntries(
      ['username', 'displayName', 'role', 'force'].map((f) => [f, text(body, f)]),
    )
    try {
      const created = await users.create(actor, actor.username, {
        username: values.username ?? '',
        displayName: values.displayName ?? '',
        role: (values.role ?? '') as (typeof ROLES)[number],
        ...(values.force ? { force: values.force } : {}),
      })
      const resolver = await forces.resolver()
      // Shown once, now: the password is never stored or shown again.
      return await reply.code(201).render('accounts/pages/views/created.njk', {
        pageTitle: 'Account created',
        created: created.user,
        roleLabel: ROLE_LABELS[created.user.role],
        forceName: created.user.force
          ? (resolver.name(created.user.force) ?? created.user.force)
          : 'National',
        password: created.generatedPassword,
      })
    } catch (error) {
      if (!(error instanceof HttpProblem) || ![400, 409].includes(error.statusCode)) throw error
      const problems = (error.extra.fields ?? [
        { path: 'username', message: error.message },
      ]) as FieldProblem[]
      const errors = problemsToErrors(problems, ACCOUNT_FIELDS, 'username')
      return showForm(reply, values, errors, error.statusCode === 409 ? 409 : 400)
    }
  }

  return { newUserForm, createUser }
}
