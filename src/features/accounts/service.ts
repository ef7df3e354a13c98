// Staff accounts and their API tokens, as one service: administrators manage accounts (user-admin.ts); each
// user manages their own tokens (api-tokens.ts). The command line passes a null actor: whoever can run it
// already holds the database.
import type { Actor } from '../../domain/permissions.ts'
import { createToken, listTokens, revokeToken } from './api-tokens.ts'
import type { NewUserInput, PlacementInput } from './forms.ts'
import type { AccountDeps } from './summaries.ts'
import {
  accountByUsername,
  changePlacement,
  createAccount,
  disableAccount,
  listAccounts,
  listColleagues,
  unlockAccount,
} from './user-admin.ts'

export function createUserService(deps: AccountDeps) {
  return {
    list: (actor: Actor | null) => listAccounts(deps, actor),
    colleagues: (actor: Actor, force: string) => listColleagues(deps, actor, force),
    byUsername: (actor: Actor | null, username: string) => accountByUsername(deps, actor, username),
    create: (actor: Actor | null, actorLabel: string, input: NewUserInput) =>
      createAccount(deps, actor, actorLabel, input),
    changePlacement: (actor: Actor | null, actorLabel: string, userId: string, input: PlacementInput) =>
      changePlacement(deps, actor, actorLabel, userId, input),
    disable: (actor: Actor | null, actorLabel: string, userId: string) =>
      disableAccount(deps, actor, actorLabel, userId),
    unlock: (actor: Actor | null, actorLabel: string, userId: string) =>
      unlockAccount(deps, actor, actorLabel, userId),
    listTokens: (actor: Actor | null, userId: string) => listTokens(deps, actor, userId),
    createToken: (actor: Actor | null, actorLabel: string, input: { userId: string; name: string }) =>
      createToken(deps, actor, actorLabel, input),
    revokeToken: (actor: Actor | null, actorLabel: string, tokenId: string) =>
      revokeToken(deps, actor, actorLabel, tokenId),
  }
}

export type UserService = ReturnType<typeof createUserService>
