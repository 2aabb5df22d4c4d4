/**
 * The settings a document is checked with: the config file's (.xxgk-report.json / .jsonc, the same loader as
 * the CLI's, found upward from the document's folder) with the editor's `xxgk-report.*` settings on top.
 * Editor settings are pulled once per document and cached; a client that answers late (or never) gets the
 * defaults after CONFIG_TIMEOUT_MS, and a late answer that differs replaces them (`onLateSettings`). A broken
 * config file gets diagnostics on it and one message, and is not used.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { existsSync } from 'node:fs';
import { Connection, Diagnostic, DiagnosticSeverity } from 'vscode-languageserver/node';
import { t } from '../core/i18n';
import { DEFAULT_SETTINGS, Settings, mergeSettings, parseSettings } from '../settings';
import { ConfigResolver, LoadedConfig, configProblemMessage } from '../config';
import { SOURCE } from './diagnostics';

/** How long a `workspace/configuration` request may take before the defaults are used. */
const CONFIG_TIMEOUT_MS = 2000;

export class SettingsSource {
  /** Set from the client's capabilities at `initialize`. */
  canPull = false;
  private readonly cache = new Map<string, Promise<Settings>>();
  /** Invalid settings already reported: each is said once, not once per document. */
  private readonly reportedProblems = new Set<string>();
  private readonly configs = new ConfigResolver();
  /** Config files that have diagnostics published (cleared when they are fixed). */
  private readonly brokenConfigs = new Map<string, string>();

  constructor(
    private readonly connection: Connection,
    /** A late answer from the client changed a document's settings: it must be checked again. */
    private readonly onLateSettings: (uri: string) => void,
  ) {}

  /** The settings a document is checked with. */
  get(uri: string): Promise<Settings> {
    return this.editor(uri).then((s) => mergeSettings(s, this.fileConfig(uri)?.settings));
  }

  /**
   * The settings for a file that is not open, found by the workspace index: the editor settings of its
   * workspace folder (one request per folder, not per file) and the file's own config file.
   */
  forFolderFile(uri: string, folderUri: string): Promise<Settings> {
    return this.editor(folderUri).then((s) => mergeSettings(s, this.fileConfig(uri)?.settings));
  }

  /** The editor's settings changed: pull them again. */
  editorChanged(): void {
    this.cache.clear();
  }

  /** A config file was created, changed or deleted: read them again; a broken one that was fixed or deleted is cleared. */
  filesChanged(): void {
    this.configs.clear();
    for (const uri of [...this.brokenConfigs.keys()]) {
      const path = fileURLToPath(uri);
      if (existsSync(path)) this.reportConfig(this.configs.load(path));
      else {
        this.brokenConfigs.delete(uri);
        this.connection.sendDiagnostics({ uri, diagnostics: [] }).catch(() => undefined);
      }
    }
  }

  private parse(raw: unknown): Settings {
    const { settings, problems } = parseSettings(raw);
    for (const p of problems) {
      if (this.reportedProblems.has(p)) continue;
      this.reportedProblems.add(p);
      this.connection.window.showWarningMessage(t('设置无效，已使用默认值：{0}', p));
    }
    return settings;
  }

  private editor(uri: string): Promise<Settings> {
    if (!this.canPull) return Promise.resolve(DEFAULT_SETTINGS);
    const have = this.cache.get(uri);
    if (have) return have;
    let answer: Promise<Settings>;
    try {
      answer = this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'xxgk-report' }).then((raw) => this.parse(raw), () => DEFAULT_SETTINGS);
    } catch {
      answer = Promise.resolve(DEFAULT_SETTINGS);
    }
    const entry: Promise<Settings> = new Promise((resolve) => {
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        resolve(DEFAULT_SETTINGS);
      }, CONFIG_TIMEOUT_MS);
      answer.then((settings) => {
        clearTimeout(timer);
        if (!timedOut) return resolve(settings);
        if (this.cache.get(uri) !== entry || JSON.stringify(settings) === JSON.stringify(DEFAULT_SETTINGS)) return;
        this.cache.set(uri, Promise.resolve(settings));
        this.onLateSettings(uri);
      });
    });
    this.cache.set(uri, entry);
    return entry;
  }

  private reportConfig(config: LoadedConfig): void {
    const uri = pathToFileURL(config.path).href;
    const key = config.problems.map((p) => `${p.start}:${p.message}`).join('|');
    if ((this.brokenConfigs.get(uri) ?? '') === key) return;
    if (!config.problems.length) {
      this.brokenConfigs.delete(uri);
      this.connection.sendDiagnostics({ uri, diagnostics: [] }).catch(() => undefined);
      return;
    }
    this.brokenConfigs.set(uri, key);
    const diagnostics = config.problems.map((p): Diagnostic => ({
      range: { start: { line: p.line, character: p.column }, end: { line: p.line, character: p.column + Math.max(1, p.end - p.start) } },
      severity: DiagnosticSeverity.Error,
      source: SOURCE,
      message: p.key ? t('配置键“{0}”：{1}', p.key, p.message) : p.message,
    }));
    this.connection.sendDiagnostics({ uri, diagnostics }).catch(() => undefined);
    // A notification (window/showMessage), not a request: nothing waits for the user to close it.
    this.connection.sendNotification('window/showMessage', { type: 2 /* Warning */, message: t('配置文件有误，已忽略：{0}', configProblemMessage(config.path, config.problems[0])) }).catch(() => undefined);
  }

  /** The config file that applies to a document (file: URIs only), reported if broken (then not used). */
  private fileConfig(uri: string): LoadedConfig | undefined {
    let path: string;
    try {
      if (!uri.startsWith('file:')) return undefined;
      path = fileURLToPath(uri);
    } catch {
      return undefined;
    }
    const config = this.configs.forFile(path);
    if (config) this.reportConfig(config);
    return config && !config.problems.length ? config : undefined;
  }
}
