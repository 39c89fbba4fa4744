import { availableParallelism } from 'node:os';

/**
 * libuv's thread pool runs the argon2id hashes (password and PIN checks). Its default of four
 * threads on a two-core machine makes hashes, the event loop and the database fight for cores;
 * one thread per core keeps the same hash rate with less contention (DESIGN §11). Set before
 * anything uses the pool — this module is main.ts's first import — and only when the operator
 * did not choose a size.
 */
process.env.UV_THREADPOOL_SIZE ??= String(Math.max(2, availableParallelism()));
