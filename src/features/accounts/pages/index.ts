// The account pages: signing in and out (anyone), and staff accounts (administrators and force admins).
import { paths } from '../../../paths.ts'
import { area, pages, PUBLIC } from '../../../web/pages.ts'
import type { ForceService } from '../../forces/service.ts'
import type { UserService } from '../service.ts'
import type { SignInService } from '../sign-in.ts'
import { newUserHandlers } from './new-user.ts'
import { signInHandlers } from './sign-in.ts'
import { userRoleHandlers } from './user-role.ts'
import { userListHandlers } from './users.ts'

interface AccountPagesDeps {
  users: UserService
  signIns: SignInService
  forces: ForceService
  cookieSecure: boolean
  sessionMinutes: number
}

/** Signing in and out is for anyone; every other account page is for those `can` lets into 'accounts'. */
const anyone = { config: { access: PUBLIC } }

export const accountPages = pages<AccountPagesDeps>(area('accounts'), (app, deps) => {
  const signIn = signInHandlers(deps)
  const list = userListHandlers(deps)
  const create = newUserHandlers(deps)
  const role = userRoleHandlers(deps)

  app.get(paths.signIn.pattern, anyone, signIn.signInPage) // sign-in.ts → views/sign-in.njk
  app.post(paths.signIn.pattern, anyone, signIn.signIn)
  app.get(paths.admin.users.pattern, list.usersPage) // users.ts → views/users.njk
  app.get(paths.admin.newUser.pattern, create.newUserForm) // new-user.ts → views/new-user.njk
  app.post(paths.admin.newUser.pattern, create.createUser) // new-user.ts → views/created.njk
  app.get(paths.admin.userRole.pattern, role.roleForm) // user-role.ts → views/user-role.njk
  app.post(paths.admin.userRole.pattern, role.changeRole)
  app.post(paths.admin.disableUser.pattern, list.disableUser) // users.ts
  app.post(paths.admin.unlockUser.pattern, list.unlockUser)
  app.post(paths.signOut.pattern, anyone, signIn.signOut) // sign-in.ts
})
