// A per-address budget of failed sign-ins, kept in this process's memory. It is not the security control (that
// is the account lockout, in the database): it bounds the argon2 work that one address can make this process
// do. Only failures use the budget: a successful sign-in never counts, so an office of people signing in from
// one address is never held back by its own successes. So that a burst cannot queue unbounded work before any
// of it has failed, the attempts being checked at once from one address are bounded too.

/** One attempt under way: say how it ended, once. */
export interface AddressAttempt {
  /** `failed` counts against the address; `succeeded` and `abandoned` (an error, not a refusal) do not. */
  end(outcome: 'succeeded' | 'failed' | 'abandoned'): void
}

interface AddressLimit {
  /**
   * Starts an attempt, unless the address has used up its failures in this window or has `maxAtOnce`
   * attempts under way; then the seconds to wait.
   */
  start(
    address: string,
  ): { allowed: true; attempt: AddressAttempt } | { allowed: false; retryAfterSeconds: number }
}

interface Window {
  failures: number
  endsAt: number
}

export function createAddressLimit(options: {
  /** Failed attempts an address may make in a window. */
  max: number
  windowMs: number
  /** Attempts an address may have under way at once, whatever their outcome. */
  maxAtOnce: number
  /** Bounds memory under a flood of distinct addresses: the oldest windows are dropped first. */
  maxAddresses?: number
  now?: () => number
}): AddressLimit {
  const { max, windowMs, maxAtOnce, maxAddresses = 10_000, now = Date.now } = options
  // A window starts at an address's first failure. A Map keeps insertion order, and a window is re-inserted
  // when it starts, so the first is the oldest.
  const windows = new Map<string, Window>()
  const underWay = new Map<string, number>()

  const currentWindow = (address: string, at: number): Window | undefined => {
    const window = windows.get(address)
    if (window && window.endsAt <= at) windows.delete(address)
    return window && window.endsAt > at ? window : undefined
  }

  const countFailure = (address: string) => {
    const at = now()
    const window = currentWindow(address, at)
    if (window) {
      window.failures += 1
      return
    }
    windows.set(address, { failures: 1, endsAt: at + windowMs })
    for (const oldest of windows.keys()) {
      if (windows.size <= maxAddresses) break
      windows.delete(oldest)
    }
  }

  return {
    start(address) {
      const at = now()
      const window = currentWindow(address, at)
      if (window && window.failures >= max) {
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.endsAt - at) / 1000)) }
      }
      const running = underWay.get(address) ?? 0
      if (running >= maxAtOnce) return { allowed: false, retryAfterSeconds: 1 }
      underWay.set(address, running + 1)
      let ended = false
      return {
        allowed: true,
        attempt: {
          end(outcome) {
            if (ended) return
            ended = true
            const left = (underWay.get(address) ?? 1) - 1
            if (left > 0) underWay.set(address, left)
            else underWay.delete(address)
            if (outcome === 'failed') countFailure(address)
          },
        },
      }
    },
  }
}
