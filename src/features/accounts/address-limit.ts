// A per-address budget of sign-in attempts, kept in this process's memory. It is not the security control
// (that is the account lockout, in the database): it bounds the argon2 work that one address can make this
// process do. Each attempt takes from the budget as it starts, so a burst is cut off before it reaches
// argon2, and a successful sign-in gives its attempt back, so an office of people signing in from one
// address never runs out.

interface AddressLimit {
  /** Takes one attempt from the address's budget; the seconds to wait when none is left. */
  take(address: string): { allowed: true } | { allowed: false; retryAfterSeconds: number }
  /** Gives back an attempt that succeeded. */
  giveBack(address: string): void
}

interface Window {
  used: number
  endsAt: number
}

export function createAddressLimit(options: {
  max: number
  windowMs: number
  /** Bounds memory under a flood of distinct addresses: the oldest windows are dropped first. */
  maxAddresses?: number
  now?: () => number
}): AddressLimit {
  const { max, windowMs, maxAddresses = 10_000, now = Date.now } = options
  // A Map keeps insertion order, and a window is re-inserted when it starts, so the first is the oldest.
  const windows = new Map<string, Window>()

  return {
    take(address) {
      const at = now()
      let window = windows.get(address)
      if (!window || window.endsAt <= at) {
        windows.delete(address)
        window = { used: 0, endsAt: at + windowMs }
        windows.set(address, window)
        for (const oldest of windows.keys()) {
          if (windows.size <= maxAddresses) break
          windows.delete(oldest)
        }
      }
      if (window.used >= max) {
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.endsAt - at) / 1000)) }
      }
      window.used += 1
      return { allowed: true }
    },

    giveBack(address) {
      const window = windows.get(address)
      if (window && window.used > 0) window.used -= 1
    },
  }
}
