/**
 * Replacing a file so that every reader, and every crash, sees either the old or the new content in full:
 * the new text goes to a temporary file beside the target (same folder, so same file system), is fsync'ed,
 * then renamed over the target. The target is never truncated in place.
 */
import { closeSync, constants, fchmodSync, fchownSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

/** The target changed between reading it and replacing it (another writer): it is left alone. */
export class ChangedMeanwhile extends Error {}

/**
 * Atomically replaces `target` (a real path, not a symlink) with `data`, keeping its mode and owner.
 * `stillIs`, when given, is asked just before the rename whether the target still holds what was read.
 */
export function writeFileAtomicSync(target: string, data: Buffer, stillIs?: () => boolean): void {
  const st = statSync(target);
  // Not *.txt, so a concurrent folder walk never picks it up.
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o600);
  let renamed = false;
  try {
    try {
      for (let off = 0; off < data.length; ) off += writeSync(fd, data, off, data.length - off);
      fchmodSync(fd, st.mode & 0o7777);
      try {
        fchownSync(fd, st.uid, st.gid);
      } catch {
        // only root may give a file away; the mode is what matters
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (stillIs && !stillIs()) throw new ChangedMeanwhile(target);
    renameSync(tmp, target);
    renamed = true;
    try {
      const dfd = openSync(dirname(target), 'r');
      try {
        fsyncSync(dfd);
      } finally {
        closeSync(dfd);
      }
    } catch {
      // a folder cannot be fsync'ed everywhere; the rename itself is atomic
    }
  } finally {
    if (!renamed) {
      try {
        unlinkSync(tmp);
      } catch {
        // already gone
      }
    }
  }
}
