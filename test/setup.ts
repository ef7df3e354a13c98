// Every test file: passwords hashed at the cheapest argon2 cost (a test of the production cost sets it back).
import { setPasswordCost } from '../src/features/accounts/passwords.ts'

setPasswordCost('low')
