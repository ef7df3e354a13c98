// Staff accounts for administrators: the list, a new account (role and force), disabling one, and unlocking
// one that failed sign-ins locked, all through the accounts service, which decides who may and audits each
// change.
import type { FastifyReply } from 'fastify'
import { FORCE_ROLES, ROLES, type Actor, type Role } from '../../../domain/permissions.ts'
import { HttpProblem, type FieldProblem } from '../../../http/errors.ts'
import { paths } from '../../../paths.ts'
import { addError, noErrors, problemsToErrors, text, type PageErrors } from '../../../web/form.ts'
import { ROLE_LABELS } from '../../../web/labels.ts'
import { area, IdParams, pageActor, pageForm, pageParams, pages, renderNotFound } from '../../../web/pages.ts'
import type { UserService } from '../service.ts'
import type { UserSummary } from '../summaries.ts'
import type { ForceService } from '../../forces/service.ts'

const FIELDS: Record<string, { field: string; name: string }> = {
  username: { field: 'username', name: 'the username:' },
  displayName: { field: 'displayName', name: 'the name:' },
  role: { field: 'role', name: 'the role:' },
  force: { field: 'force', name: 'the force:' },
  password: { field: 'password', name: 'the password:' },
}

export const accountAdminPages = pages<{ users: UserService; forces: ForceService }>(
  area('accounts'),
  (app, { users, forces }) => {
    app.get(paths.admin.users.pattern, async (request, reply) => {
      const actor = pageActor(request)
      const list = await users.list(actor)
      const resolver = await forces.resolver()
      return reply.render('accounts/pages/views/users.njk', {
        pageTitle: 'Staff accounts',
        users: list.map((u) => ({
          ...u,
          roleLabel: ROLE_LABELS[u.role],
          forceName: u.force ? (resolver.name(u.force) ?? u.force) : 'National',
          self: u.id === actor.userId,
          unlockHref: paths.admin.unlockUser.href({ id: u.id }),
        })),
      })
    })

    /** The role radios and force select, with the account's current or typed answers chosen. */
    async function placementOptions(values: Record<string, string>) {
      const resolver = await forces.resolver()
      return {
        roles: ROLES.map((role) => ({
          value: role,
          text: ROLE_LABELS[role],
          hint: { text: FORCE_ROLES.includes(role) ? 'Works within one force' : 'Works nationally' },
          checked: values.role === role,
        })),
        forces: [
          { value: '', text: 'None (national role)' },
          ...resolver.all().map((f) => ({ value: f.slug, text: f.name, selected: f.slug === values.force })),
        ],
      }
    }

    async function showNew(
      reply: FastifyReply,
      values: Record<string, string>,
      errors: PageErrors,
      status = 200,
    ) {
      return reply.code(status).render('accounts/pages/views/new-user.njk', {
        pageTitle: 'Create a staff account',
        values,
        errors,
        ...(await placementOptions(values)),
      })
    }

    /** The account whose role is being changed, if the administrator may change it; otherwise null. */
    async function changeable(actor: Actor, id: string) {
      const user = (await users.list(actor)).find((u) => u.id === id)
      return user && !user.disabled && user.id !== actor.userId ? user : null
    }

    async function showRole(
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
        ...(await placementOptions(values)),
      })
    }

    app.get(paths.admin.userRole.pattern, async (request, reply) => {
      const user = await changeable(pageActor(request), pageParams(request, IdParams).id)
      if (!user) return renderNotFound(reply)
      return showRole(reply, user, { role: user.role, force: user.force ?? '' }, noErrors())
    })

    app.post(paths.admin.userRole.pattern, async (request, reply) => {
      const actor = pageActor(request)
      const user = await changeable(actor, pageParams(request, IdParams).id)
      if (!user) return renderNotFound(reply)
      const body = pageForm(request)
      const values = { role: text(body, 'role'), force: text(body, 'force') }
      if (!values.role) return showRole(reply, user, values, addError(noErrors(), 'role', 'Select the role'))
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
        if (error.statusCode === 409)
          return reply.flash(error.message).redirect(paths.admin.users.href(), 303)
        const problems = (error.extra.fields ?? [{ path: 'role', message: error.message }]) as FieldProblem[]
        return showRole(reply, user, values, problemsToErrors(problems, FIELDS, 'role'))
      }
    })

    app.get(paths.admin.newUser.pattern, async (_request, reply) => showNew(reply, {}, noErrors()))

    app.post(paths.admin.newUser.pattern, async (request, reply) => {
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
        const problems = (error.extra.fields ?? [{ path: 'username', message: error.message }]) as {
          path: string
          message: string
        }[]
        return showNew(
          reply,
          values,
          problemsToErrors(problems, FIELDS, 'username'),
          error.statusCode === 409 ? 409 : 400,
        )
      }
    })

    app.post(paths.admin.disableUser.pattern, async (request, reply) => {
      const actor = pageActor(request)
      const { id } = pageParams(request, IdParams)
      try {
        const user = await users.disable(actor, actor.username, id)
        reply.flash(`The account ${user.username} is disabled: its sessions and API tokens no longer work`)
      } catch (error) {
        if (!(error instanceof HttpProblem) || error.statusCode !== 409) throw error
        reply.flash(error.message)
      }
      return reply.redirect(paths.admin.users.href(), 303)
    })

    app.post(paths.admin.unlockUser.pattern, async (request, reply) => {
      const actor = pageActor(request)
      const { id } = pageParams(request, IdParams)
      try {
        const user = await users.unlock(actor, actor.username, id)
        reply.flash(`The account ${user.username} is unlocked: they can sign in again`)
      } catch (error) {
        if (!(error instanceof HttpProblem) || error.statusCode !== 409) throw error
        reply.flash(error.message)
      }
      return reply.redirect(paths.admin.users.href(), 303)
    })
  },
)
