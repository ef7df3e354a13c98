// The account pages: signing in and out (public), and managing users (administrators and force admins).
import type { FastifyInstance } from 'fastify'
import type { ForceService } from '../../forces/service.ts'
import type { UserService } from '../service.ts'
import type { SignInService } from '../sign-in.ts'
import { signInPages } from './sign-in.ts'
import { accountAdminPages } from './users.ts'

export async function accountPages(
  app: FastifyInstance,
  deps: {
    users: UserService
    signIns: SignInService
    forces: ForceService
    cookieSecure: boolean
    sessionMinutes: number
  },
): Promise<void> {
  await app.register(signInPages, deps)
  await app.register(accountAdminPages, deps)
}
