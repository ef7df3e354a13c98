// The staff accounts list for administrators, and disabling or unlocking an account from it, through the
// accounts service, which decides who may and audits each change.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { HttpProblem } from '../../../http/errors.ts'
import { paths } from '../../../paths.ts'
import { ROLE_LABELS } from '../../../domain/labels.ts'
import { IdParams, pageActor, pageParams } from '../../../web/pages.ts'
import type { ForceService } from '../../forces/service.ts'
import type { UserService } from '../service.ts'

export function userListHandlers({ users, forces }: { users: UserService; forces: ForceService }) {
  async function usersPage(request: FastifyRequest, reply: FastifyReply) {
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
  }

  async function disableUser(request: FastifyRequest, reply: FastifyReply) {
    const actor = pageActor(request)
    const { id } = pageParams(request, IdParams)
    try {
      const user = await users.disable(actor, actor.username, id)
      reply.flash(`The account ${user.username} is disabled: its sessions and API tokens no longer work`)
    } catch (error) {
      flashConflict(error, reply)
    }
    return reply.redirect(paths.admin.users.href(), 303)
  }

  async function unlockUser(request: FastifyRequest, reply: FastifyReply) {
    const actor = pageActor(request)
    const { id } = pageParams(request, IdParams)
    try {
      const user = await users.unlock(actor, actor.username, id)
      reply.flash(`The account ${user.username} is unlocked: they can sign in again`)
    } catch (error) {
      flashConflict(error, reply)
    }
    return reply.redirect(paths.admin.users.href(), 303)
  }

  return { usersPage, disableUser, unlockUser }
}

/** A change the account's state refused (one's own account, say) is said on the list; anything else throws. */
function flashConflict(error: unknown, reply: FastifyReply): void {
  if (!(error instanceof HttpProblem) || error.statusCode !== 409) throw error
  reply.flash(error.message)
}
