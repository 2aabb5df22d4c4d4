/** Writing a fixed report back: atomic, inside the checked folder, never over someone else's change. */
import { Stats, realpathSync, statSync } from 'node:fs';
import { ChangedMeanwhile, writeFileAtomicSync } from '../atomic-write';
import { t } from '../core/i18n';
import { FoundFile, inside, isProblem, readRegularFileSync } from '../fs-walk';

/**
 * Writes a fixed text back: only a writable regular file inside the checked folder, atomically (a temporary
 * file beside it, fsync, rename), and only if nobody changed it since it was read. A message when refused.
 */
export function writeFix(file: FoundFile, read: { bytes: Buffer; stats: Stats }, data: Buffer): string | undefined {
  let real: string;
  let st: Stats;
  try {
    real = realpathSync(file.path);
    st = statSync(real);
  } catch (e) {
    return t('{0}：写回失败（{1}），原文件未改动', file.path, (e as Error).message);
  }
  if (!inside(real, file.root)) return t('{0}：符号链接指向所检查的文件夹之外，未写回修复', file.path);
  if (!st.isFile() || st.ino !== read.stats.ino || st.dev !== read.stats.dev) {
    // Replaced since it was read: fine if another run already wrote this very fix, else left alone.
    const now = readRegularFileSync(real);
    return !isProblem(now) && now.bytes.equals(data) ? undefined : t('{0}：检查期间文件被其他程序修改，未写回修复', file.path);
  }
  // Checked by mode, not access(2): root may write anything, but a read-only report is meant to stay as it is.
  if ((st.mode & 0o222) === 0) return t('{0}：文件是只读的，未写回修复', file.path);
  let current: Buffer | undefined;
  try {
    writeFileAtomicSync(real, data, () => {
      const now = readRegularFileSync(real);
      current = isProblem(now) ? undefined : now.bytes;
      return !!current && current.equals(read.bytes);
    });
  } catch (e) {
    if (e instanceof ChangedMeanwhile) {
      // Another run wrote the very same fix first: that is success, not a conflict.
      return current?.equals(data) ? undefined : t('{0}：检查期间文件被其他程序修改，未写回修复', file.path);
    }
    return t('{0}：写回失败（{1}），原文件未改动', file.path, (e as NodeJS.ErrnoException).code ?? (e as Error).message);
  }
  return undefined;
}
