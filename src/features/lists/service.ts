// The Barred and Advisory Lists (docs/lists.md): reading them, entries made and removed by hand, and entries
// proposed by the case work for an appropriate authority to decide. Each use case has its own module: entries.ts
// and proposals.ts; import.ts and export.ts are the command line's file work, linking.ts who an entry is about.
import { entryRecorder, entryRemover, listReader, type ListDeps } from './entries.ts'
import { advisoryEnder, proposalDecider, proposalLister, proposer } from './proposals.ts'

export function createListService(deps: ListDeps) {
  return {
    /** Entries, of one list or force if asked, in force today unless `includeRemoved`. */
    list: listReader(deps),
    /** An entry made by hand, for the actor's force (any force for the IOPC). */
    record: entryRecorder(deps),
    /** Removes an entry on a date, with a reason. */
    remove: entryRemover(deps),
    /** Internal, inside the case work's transaction: proposes an entry unless the same one exists. */
    propose: proposer(deps),
    /** Accepts (making the entry) or declines a proposal. */
    decide: proposalDecider(deps),
    /** Open proposals the actor decides. */
    proposalsFor: proposalLister(deps),
    /** Internal, inside the case work's transaction: ends the Advisory List entries of a case that ended. */
    endAdvisoryForCase: advisoryEnder(deps),
  }
}

export type ListService = ReturnType<typeof createListService>
