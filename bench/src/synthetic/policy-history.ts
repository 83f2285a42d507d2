/**
 * A synthetic privacy policy as companies keep one in git, and its history, for
 * `pnpm bench:import`: ~60 KB of Markdown with front matter, a title, numbered and unnumbered
 * headings, subsections, nested lists, a table and links; then commits that each reword one or
 * two clauses, now and then add a clause, re-wrap a section without changing a word
 * (whitespace only, which the import skips) and, half-way, move the file (a rename the import
 * follows). Deterministic: the same options give the same history on every machine.
 *
 * Also writes that history where the importers read it: a git repository (built by one
 * `git fast-import`, not hundreds of `git commit` processes) and a directory of dated
 * snapshots in Open Terms Archive's layout.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom, sentence } from './text.js';

export type CommitKind = 'first' | 'edit' | 'added clause' | 'whitespace' | 'rename';

export interface PolicyCommit {
  /** Where the file is at this commit (it moves once, at the rename). */
  path: string;
  markdown: string;
  message: string;
  date: Date;
  kind: CommitKind;
}

export interface PolicyHistoryOptions {
  commits: number;
  /** The first text's size in bytes; each added clause grows it by ~1.5 KB. */
  targetBytes?: number;
  seed?: number;
  /** The first commit's date; each next one `stepMs` later (a few hours of jitter aside). */
  start: Date;
  stepMs: number;
  path?: string;
  renamedPath?: string;
  /** Every n-th commit re-wraps a section and changes nothing else. */
  whitespaceEvery?: number;
  /** Every n-th commit adds a clause. */
  addClauseEvery?: number;
}

type Block =
  | { kind: 'paragraph'; sentences: string[] }
  | { kind: 'subheading'; text: string }
  | { kind: 'list'; items: { text: string; children: string[] }[] }
  | { kind: 'table'; rows: string[][] };

interface Section {
  title: string;
  numbered: boolean;
  blocks: Block[];
  /** Paragraphs hard-wrapped at 80 columns (toggled by whitespace-only commits). */
  wrapped: boolean;
}

interface Policy {
  preamble: string[];
  sections: Section[];
}

const NUMBERED_TITLES = [
  'Who we are',
  'Information you give us',
  'Information we collect automatically',
  'Information we receive from third parties',
  'How we use your information',
  'Legal bases for processing',
  'AI features and your content',
  'Meeting recordings and transcripts',
  'Sharing with service providers',
  'Sharing with other participants',
  'Legal requests and law enforcement',
  'Business transfers',
  'International data transfers',
  'Data retention',
  'Security of your information',
  'Your rights and choices',
  'Residents of the European Economic Area',
  'Residents of California',
  'Children’s privacy',
  'Cookies and similar technologies',
  'Analytics and measurement',
  'Advertising',
  'Communications from us',
  'Deleting your account',
  'Data portability',
  'Automated decision-making',
  'Sub-processors',
  'Enterprise accounts',
  'Education accounts',
  'Healthcare accounts',
  'Third-party integrations',
  'Links to other websites',
  'Do Not Track signals',
  'Research and product improvement',
  'De-identified and aggregated data',
  'Data protection officer',
];
/** After the numbered ones, as many policies end; the parser numbers them by position. */
const UNNUMBERED_LAST = ['Changes to this policy', 'How to complain', 'Contact us'];
const ADDED_TITLES = [
  'Voice assistants',
  'Biometric information',
  'Location data',
  'Workplace monitoring',
  'Public sector accounts',
  'Accessibility features',
  'Beta programmes',
  'Partner integrations',
];
const LINK_TARGETS = [
  ['our cookie notice', 'https://example.com/legal/cookies'],
  ['the sub-processor list', 'https://example.com/legal/subprocessors'],
  ['the privacy settings page', 'https://example.com/settings/privacy'],
  ['our security white paper', 'https://example.com/security'],
  ['the data request form', 'https://example.com/privacy/requests'],
] as const;

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const integer = (random: () => number, from: number, to: number): number =>
  from + Math.floor(random() * (to - from + 1));

const capitalised = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
const listItem = (random: () => number): string => capitalised(sentence(random));

/** A sentence; one in six points somewhere with a Markdown link. */
function linkedSentence(random: () => number): string {
  if (random() >= 1 / 6) return capitalised(sentence(random));
  const [text, url] = pick(random, LINK_TARGETS);
  return `See [${text}](${url}) for the details that apply to your account.`;
}

const sentences = (random: () => number, count: number): string[] =>
  Array.from({ length: count }, () => linkedSentence(random));

function section(random: () => number, title: string, numbered: boolean): Section {
  const blocks: Block[] = [{ kind: 'paragraph', sentences: sentences(random, integer(random, 3, 5)) }];
  if (random() < 0.5) {
    blocks.push({
      kind: 'list',
      items: Array.from({ length: integer(random, 3, 5) }, () => ({
        text: listItem(random),
        children: random() < 0.4 ? Array.from({ length: integer(random, 2, 3) }, () => listItem(random)) : [],
      })),
    });
  }
  if (random() < 0.5) {
    blocks.push({ kind: 'subheading', text: `${title}: ${pick(random, ['details', 'exceptions', 'examples'])}` });
    blocks.push({ kind: 'paragraph', sentences: sentences(random, integer(random, 2, 4)) });
  }
  blocks.push({ kind: 'paragraph', sentences: sentences(random, integer(random, 2, 4)) });
  return { title, numbered, blocks, wrapped: false };
}

function retentionTable(random: () => number): Block {
  const rows = [
    ['Category', 'Examples', 'Retention'],
    ['Account data', 'name, email address, billing details', 'while the account is open, then 90 days'],
    ['Customer Content', 'recordings, transcripts, chat messages', 'as set by the account owner'],
    ['Diagnostic data', 'logs, crash reports', '13 months'],
    ['AI feature outputs', 'meeting summaries, suggested replies', `${integer(random, 30, 90)} days`],
  ];
  return { kind: 'table', rows };
}

function firstPolicy(random: () => number, targetBytes: number): Policy {
  const sections: Section[] = [];
  for (const title of NUMBERED_TITLES) {
    sections.push(section(random, title, true));
    if (title === 'Data retention') sections.at(-1)?.blocks.splice(1, 0, retentionTable(random));
    if (render({ preamble: [], sections }).length >= targetBytes - 3_000) break;
  }
  sections.push(...UNNUMBERED_LAST.map((title) => section(random, title, false)));
  return { preamble: sentences(random, 3), sections };
}

function wrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return [...lines, line].join('\n');
}

function renderBlock(block: Block, wrapped: boolean): string {
  switch (block.kind) {
    case 'paragraph': {
      const text = block.sentences.join(' ');
      return wrapped ? wrap(text, 80) : text;
    }
    case 'subheading':
      return `### ${block.text}`;
    case 'list':
      return block.items
        .map((item) => [`- ${item.text}`, ...item.children.map((child) => `  - ${child}`)].join('\n'))
        .join('\n');
    case 'table': {
      const [header = [], ...rows] = block.rows;
      const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
      return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
    }
  }
}

function render(policy: Policy): string {
  let number = 0;
  const sections = policy.sections.map((s) => {
    const heading = s.numbered ? `## ${++number}. ${s.title}` : `## ${s.title}`;
    return [heading, ...s.blocks.map((block) => renderBlock(block, s.wrapped))].join('\n\n');
  });
  return [
    '---\ntitle: Privacy Policy\nlayout: legal\npermalink: /legal/privacy/\n---',
    '# Privacy Policy',
    policy.preamble.join(' '),
    ...sections,
  ].join('\n\n');
}

/** Rewords one sentence (or list item) of `target`, always to different words; returns its title. */
function reword(random: () => number, target: Section): string {
  const editable = target.blocks.filter((b) => b.kind === 'paragraph' || b.kind === 'list');
  const block = pick(random, editable);
  if (block.kind === 'paragraph') {
    const at = Math.floor(random() * block.sentences.length);
    const before = block.sentences[at];
    while (block.sentences[at] === before) block.sentences[at] = linkedSentence(random);
  } else if (block.kind === 'list') {
    const item = pick(random, block.items);
    const before = item.text;
    while (item.text === before) item.text = listItem(random);
  }
  return target.title;
}

/** The policy's history, oldest first: `options.commits` commits. */
export function* policyHistory(options: PolicyHistoryOptions): Generator<PolicyCommit> {
  const {
    commits,
    targetBytes = 60_000,
    seed = 13,
    start,
    stepMs,
    path = 'policies/privacy.md',
    renamedPath = 'legal/privacy-policy.md',
    whitespaceEvery = 37,
    addClauseEvery = 75,
  } = options;
  const random = seededRandom(seed);
  const policy = firstPolicy(random, targetBytes);
  const renameAt = Math.floor(commits / 2);
  let added = 0;
  for (let index = 0; index < commits; index++) {
    // Jitter of up to a quarter step keeps dates strictly increasing.
    // Whole seconds: git and snapshot file names keep no more.
    const date = new Date(start.getTime() + index * stepMs + Math.floor(random() * (stepMs / 4000)) * 1000);
    let kind: CommitKind;
    let message: string;
    if (index === 0) {
      kind = 'first';
      message = 'Add the privacy policy';
    } else if (index !== renameAt && index % whitespaceEvery === 0) {
      kind = 'whitespace';
      const target = pick(random, policy.sections);
      target.wrapped = !target.wrapped;
      message = `Re-wrap "${target.title}"`;
    } else if (index !== renameAt && index % addClauseEvery === 0) {
      kind = 'added clause';
      const title = ADDED_TITLES[added % ADDED_TITLES.length] as string;
      const suffix = added >= ADDED_TITLES.length ? ` (${Math.floor(added / ADDED_TITLES.length) + 1})` : '';
      added++;
      // Before the unnumbered closing sections, so no other clause is renumbered.
      policy.sections.splice(policy.sections.length - UNNUMBERED_LAST.length, 0, section(random, title + suffix, true));
      message = `Add "${title}${suffix}"`;
    } else {
      kind = index === renameAt ? 'rename' : 'edit';
      const first = reword(random, pick(random, policy.sections));
      const second = random() < 0.3 ? reword(random, pick(random, policy.sections)) : null;
      message =
        kind === 'rename'
          ? `Move the policy to ${renamedPath} and clarify "${first}"`
          : second === null || second === first
            ? `Clarify "${first}"`
            : `Reword "${first}" and "${second}"`;
    }
    yield { path: index < renameAt ? path : renamedPath, markdown: render(policy), message, date, kind };
  }
}

// ---------------------------------------------------------------------------------------------
// Where the importers read it.

/** git with a fixed identity and no user or system configuration. */
function gitEnvironment(): NodeJS.ProcessEnv {
  return { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', LC_ALL: 'C' };
}

function git(cwd: string, args: readonly string[], input?: (stdin: NodeJS.WritableStream) => Promise<void>) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn('git', args, { cwd, env: gitEnvironment(), stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`git ${args.join(' ')} exited ${code}: ${stderr.trim()}`)),
    );
    if (input === undefined) child.stdin.end();
    else input(child.stdin).then(() => child.stdin.end(), reject);
  });
}

/**
 * A git repository in `dir` (created) whose branch `main` holds `history`, one commit each, with
 * the last commit checked out. One `git fast-import` writes every commit.
 */
export async function writeGitRepository(dir: string, history: Iterable<PolicyCommit>): Promise<void> {
  mkdirSync(dir, { recursive: true });
  await git(dir, ['-c', 'init.defaultBranch=main', 'init', '-q']);
  await git(dir, ['fast-import', '--quiet', '--done'], async (stdin) => {
    const write = async (chunk: string | Buffer) => {
      if (!stdin.write(chunk)) await once(stdin, 'drain');
    };
    const data = (text: string) => {
      const bytes = Buffer.from(text, 'utf8');
      return Buffer.concat([Buffer.from(`data ${bytes.length}\n`), bytes, Buffer.from('\n')]);
    };
    let previousPath: string | null = null;
    let mark = 0;
    for (const commit of history) {
      const seconds = Math.floor(commit.date.getTime() / 1000);
      const who = `Ada Lovelace <ada@example.com> ${seconds} +0000`;
      await write(`commit refs/heads/main\nmark :${++mark}\nauthor ${who}\ncommitter ${who}\n`);
      await write(data(commit.message));
      if (previousPath !== null && previousPath !== commit.path) await write(`D ${previousPath}\n`);
      await write(`M 100644 inline ${commit.path}\n`);
      await write(data(commit.markdown));
      previousPath = commit.path;
    }
    await write('done\n');
  });
  await git(dir, ['read-tree', '-u', '--reset', 'HEAD']);
}

/** `<dir>/<service>/<terms type>/<YYYY-MM-DDTHH-MM-SSZ>.md` per commit, as Open Terms Archive's datasets name them. */
export function writeSnapshotDirectory(
  dir: string,
  history: Iterable<PolicyCommit>,
  { service = 'Synthetic Service', termsType = 'Privacy Policy' } = {},
): void {
  const folder = join(dir, service, termsType);
  mkdirSync(folder, { recursive: true });
  for (const commit of history) {
    const name = `${commit.date
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z')
      .replaceAll(':', '-')}.md`;
    writeFileSync(join(folder, name), commit.markdown);
  }
}
