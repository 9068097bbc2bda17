/** The cost model lives with the emulator, which charges it to each execution; the bench reports it. */
export * from '../emulator/cost-model';
