'use strict';
/**
 * Neo4j Community 5.26 for development and tests, without Docker: Maven pulls the embedded
 * Neo4j jars from Maven Central into ~/.m2 (first run only), and dev.macrograph.Neo4jDevServer
 * runs them on the local Java (17+) with Bolt on 127.0.0.1 and authentication disabled.
 *
 *   const { startNeo4j } = require('./neo4j-server/launcher');
 *   const neo = await startNeo4j({ port: 7688 });   // temp data dir, removed at stop
 *   ...                                              // neo.uri === 'bolt://127.0.0.1:7688'
 *   await neo.stop();
 *
 * Or from a shell: `node neo4j-server/launcher.js` (data kept in ./data/neo4j).
 * Plain CommonJS, Node 20 built-ins only.
 */
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const readline = require('node:readline');

const HERE = __dirname;
const REPO_ROOT = path.resolve(HERE, '..');
const POM = path.join(HERE, 'pom.xml');
const SOURCE = path.join(HERE, 'src', 'main', 'java', 'dev', 'macrograph', 'Neo4jDevServer.java');
const TARGET = path.join(HERE, 'target');
const CLASSES = path.join(TARGET, 'classes');
const CLASS_FILE = path.join(CLASSES, 'dev', 'macrograph', 'Neo4jDevServer.class');
const CLASSPATH_FILE = path.join(TARGET, 'classpath.txt');
const LOCK_DIR = path.join(TARGET, '.prepare.lock');
const MAIN_CLASS = 'dev.macrograph.Neo4jDevServer';
const READY_RE = /^NEO4J_READY (bolt:\/\/\S+)\s*$/;
const START_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 20_000;
const PREFIX = '[neo4j] ';
const INSTALL_HINT =
  'On Debian/Ubuntu: apt-get install openjdk-17-jdk-headless maven ' +
  '(or put any JDK 17+ and Maven 3.6+ on PATH).';

const defaultLog = (line) => process.stderr.write(line + '\n');

/** Absolute path of `cmd` on PATH, or null. */
function which(cmd) {
  const exts = process.platform === 'win32' ? (process.env.PATHEXT || '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const candidate = path.join(dir, cmd + ext);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        if (fs.statSync(candidate).isFile()) return candidate;
      } catch {
        /* not here */
      }
    }
  }
  return null;
}

/** Throws a clear Error unless `java` (>= 17) is on PATH; returns its path. */
function checkJava() {
  const java = which('java');
  if (!java) {
    throw new Error(`Neo4j dev server: 'java' was not found on PATH (a Java 17+ runtime is required). ${INSTALL_HINT}`);
  }
  const res = spawnSync(java, ['-version'], { encoding: 'utf8' });
  const out = `${res.stderr || ''}${res.stdout || ''}`;
  const m = /version "(\d+)(?:\.(\d+))?/.exec(out);
  if (res.status !== 0 || !m) {
    throw new Error(`Neo4j dev server: '${java} -version' failed: ${(out || String(res.error)).trim()}. ${INSTALL_HINT}`);
  }
  const major = m[1] === '1' ? Number(m[2]) : Number(m[1]);
  if (major < 17) {
    throw new Error(
      `Neo4j dev server: Java ${major} found at ${java}, but Neo4j 5.26 needs Java 17 or newer (17 and 21 are supported). ${INSTALL_HINT}`,
    );
  }
  return java;
}

function checkMaven() {
  const mvn = which('mvn');
  if (!mvn) {
    throw new Error(
      "Neo4j dev server: 'mvn' (Apache Maven) was not found on PATH; it is needed once to download " +
        `Neo4j from Maven Central and compile the launcher class. ${INSTALL_HINT}`,
    );
  }
  return mvn;
}

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}

/** Classpath entries if the build output is present and newer than its inputs, else null. */
function upToDateClasspath() {
  const newestInput = Math.max(mtime(POM), mtime(SOURCE));
  if (mtime(CLASS_FILE) < newestInput || mtime(CLASSPATH_FILE) < newestInput) return null;
  const entries = fs.readFileSync(CLASSPATH_FILE, 'utf8').trim().split(path.delimiter).filter(Boolean);
  // ~/.m2 may have been wiped since: then Maven has to download again.
  if (entries.length === 0 || !entries.every((jar) => fs.existsSync(jar))) return null;
  return entries;
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Cross-process lock so parallel test workers don't run Maven into the same target/ at once. */
async function withLock(log, fn) {
  fs.mkdirSync(TARGET, { recursive: true });
  const deadline = Date.now() + 30 * 60_000;
  let told = false;
  for (;;) {
    try {
      fs.mkdirSync(LOCK_DIR);
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      // A lock older than 30 minutes is left over from a killed run.
      if (Date.now() - mtime(LOCK_DIR) > 30 * 60_000) {
        fs.rmSync(LOCK_DIR, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`Neo4j dev server: timed out waiting for ${LOCK_DIR}`, { cause: err });
      if (!told) {
        log(`${PREFIX}waiting for another process that is preparing Neo4j (lock ${LOCK_DIR})`);
        told = true;
      }
      await sleep(500);
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(LOCK_DIR, { recursive: true, force: true });
  }
}

function runMaven(mvn, log) {
  const tmpClasspath = `${CLASSPATH_FILE}.${process.pid}.tmp`;
  const args = [
    '-B',
    '-f',
    POM,
    'compile',
    'dependency:build-classpath',
    '-Dmdep.includeScope=runtime',
    `-Dmdep.outputFile=${tmpClasspath}`,
  ];
  log(`${PREFIX}running Maven to fetch Neo4j and compile the server (the first run downloads ~160 MB into ~/.m2)`);
  return new Promise((resolve, reject) => {
    const child = spawn(mvn, args, { cwd: HERE, stdio: ['ignore', 'pipe', 'pipe'] });
    const tail = [];
    const onLine = (line) => {
      tail.push(line);
      if (tail.length > 40) tail.shift();
      const download = /^(?:\[INFO\] )?(Download(?:ing|ed) .*)$/.exec(line);
      if (download) log(PREFIX + download[1]);
      else if (/^\[(ERROR|WARNING)\]/.test(line)) log(PREFIX + line);
    };
    readline.createInterface({ input: child.stdout }).on('line', onLine);
    readline.createInterface({ input: child.stderr }).on('line', onLine);
    child.on('error', (err) => reject(new Error(`Neo4j dev server: could not run Maven (${mvn}): ${err.message}`)));
    child.on('close', (code, signal) => {
      if (code === 0 && fs.existsSync(tmpClasspath)) {
        fs.renameSync(tmpClasspath, CLASSPATH_FILE);
        resolve();
      } else {
        fs.rmSync(tmpClasspath, { force: true });
        reject(
          new Error(
            `Neo4j dev server: Maven failed (${signal || `exit ${code}`}); last output:\n` + tail.join('\n'),
          ),
        );
      }
    });
  });
}

/**
 * Makes sure the Neo4j jars and the compiled server class exist. Fast path (no Maven, no
 * network) when target/classpath.txt and the class file are newer than pom.xml and the source.
 * @returns {Promise<{ java: string, classpath: string }>}
 */
async function prepareNeo4j({ log = defaultLog } = {}) {
  const java = checkJava();
  let entries = upToDateClasspath();
  if (!entries) {
    const mvn = checkMaven();
    entries = await withLock(log, async () => {
      const again = upToDateClasspath(); // another process may have finished meanwhile
      if (again) return again;
      await runMaven(mvn, log);
      // Maven may have found the class up to date (e.g. only pom.xml changed): mark it fresh.
      if (fs.existsSync(CLASS_FILE)) {
        const now = new Date();
        fs.utimesSync(CLASS_FILE, now, now);
      }
      const built = upToDateClasspath();
      if (!built) throw new Error('Neo4j dev server: Maven succeeded but target/ is still incomplete');
      return built;
    });
  }
  return { java, classpath: [CLASSES, ...entries].join(path.delimiter) };
}

/**
 * Starts Neo4j; resolves once NEO4J_READY is printed.
 * @param {{ port?: number, dataDir?: string, log?: (line: string) => void }} [options]
 *   dataDir unset: a fresh temp dir, deleted when the server stops.
 * @returns {Promise<{ uri: string, pid: number, stop: () => Promise<void> }>}
 */
async function startNeo4j({
  port = Number(process.env.NEO4J_BOLT_PORT) || 7687,
  dataDir = process.env.NEO4J_DATA_DIR,
  log = defaultLog,
} = {}) {
  const { java, classpath } = await prepareNeo4j({ log });

  const env = { ...process.env, NEO4J_BOLT_PORT: String(port), NEO4J_EXIT_ON_STDIN_EOF: '1' };
  if (dataDir) env.NEO4J_DATA_DIR = path.resolve(dataDir);
  else delete env.NEO4J_DATA_DIR;

  const child = spawn(
    java,
    ['-Xmx1g', '-XX:+ExitOnOutOfMemoryError', '-cp', classpath, MAIN_CLASS],
    // stdin stays open as a pipe: if this Node process dies, the server sees EOF and exits.
    // detached: own process group, so a terminal's Ctrl-C reaches only us and we stop it cleanly.
    { cwd: HERE, env, stdio: ['pipe', 'pipe', 'pipe'], detached: true },
  );

  child.stdin.on('error', () => {}); // EPIPE once the server is gone: nothing to do
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  let hasExited = false;
  exited.then(() => {
    hasExited = true;
  });

  const tail = [];
  let onReady;
  const ready = new Promise((resolve) => {
    onReady = resolve;
  });
  const onLine = (line) => {
    const m = READY_RE.exec(line);
    if (m) {
      onReady(m[1]);
      return;
    }
    tail.push(line);
    if (tail.length > 30) tail.shift();
    log(PREFIX + line);
  };
  readline.createInterface({ input: child.stdout }).on('line', onLine);
  readline.createInterface({ input: child.stderr }).on('line', onLine);
  const spawnError = new Promise((resolve) => child.on('error', resolve));

  let stopping;
  const stop = () => {
    if (!stopping) {
      stopping = (async () => {
        if (!hasExited) {
          try {
            child.kill('SIGTERM');
          } catch {
            /* already gone */
          }
          let timer;
          const killed = new Promise((resolve) => {
            timer = setTimeout(() => {
              log(`${PREFIX}still running ${STOP_GRACE_MS / 1000} s after SIGTERM; sending SIGKILL`);
              try {
                child.kill('SIGKILL');
              } catch {
                /* already gone */
              }
              resolve();
            }, STOP_GRACE_MS);
          });
          await Promise.race([exited, killed]);
          await exited;
          clearTimeout(timer);
        }
        child.stdin.destroy();
      })();
    }
    return stopping;
  };

  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => resolve('timeout'), START_TIMEOUT_MS);
  });
  const outcome = await Promise.race([
    ready.then((uri) => ({ uri })),
    exited.then((how) => ({ exited: how })),
    spawnError.then((err) => ({ error: err })),
    timeout.then(() => ({ timeout: true })),
  ]);
  clearTimeout(timer);

  if (outcome.uri) {
    log(`${PREFIX}ready at ${outcome.uri} (pid ${child.pid})`);
    return { uri: outcome.uri, pid: child.pid, stop };
  }

  let why;
  if (outcome.error) why = `could not start ${java}: ${outcome.error.message}`;
  else if (outcome.exited) {
    // Let the last output lines arrive before quoting them.
    await sleep(50);
    const { code, signal } = outcome.exited;
    why = `the server exited before it was ready (${signal || `exit code ${code}`})`;
  } else {
    why = `the server was not ready within ${START_TIMEOUT_MS / 1000} s`;
  }
  await stop();
  const lastLines = tail.slice(-15).join('\n');
  throw new Error(`Neo4j dev server on port ${port}: ${why}.${lastLines ? ` Last output:\n${lastLines}` : ''}`);
}

module.exports = { startNeo4j, prepareNeo4j };

if (require.main === module) {
  const port = Number(process.env.NEO4J_BOLT_PORT) || 7687;
  const dataDir = process.env.NEO4J_DATA_DIR || path.join(REPO_ROOT, 'data', 'neo4j');
  startNeo4j({ port, dataDir }).then(
    (neo) => {
      process.stdout.write(
        `Neo4j is running at ${neo.uri} (data in ${dataDir}; auth disabled, loopback only).\n` +
          `Point the API at it:  NEO4J_URI=${neo.uri} npm start\n` +
          'Press Ctrl-C to stop.\n',
      );
      let signalled = false;
      const shutdown = (sig) => {
        if (signalled) return;
        signalled = true;
        process.stderr.write(`${PREFIX}${sig}: stopping Neo4j...\n`);
        neo.stop().then(
          () => process.exit(0),
          (err) => {
            process.stderr.write(`${PREFIX}${err.stack || err}\n`);
            process.exit(1);
          },
        );
      };
      process.on('SIGINT', () => shutdown('SIGINT'));
      process.on('SIGTERM', () => shutdown('SIGTERM'));
    },
    (err) => {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    },
  );
}
