package dev.macrograph;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;
import org.neo4j.logging.Level;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * Neo4j Community (embedded) with the Bolt connector on 127.0.0.1, for development and tests.
 *
 * <p>Usage: {@code java -Xmx1g -cp ... dev.macrograph.Neo4jDevServer [dataDir]}
 *
 * <ul>
 *   <li>data directory: first argument, else {@code NEO4J_DATA_DIR}, else a fresh temp dir that is
 *       deleted at shutdown;
 *   <li>Bolt port: {@code NEO4J_BOLT_PORT} (default 7687), loopback only, authentication DISABLED;
 *   <li>prints exactly one line {@code NEO4J_READY bolt://127.0.0.1:PORT} on stdout once the
 *       default database is available; everything else goes to stderr;
 *   <li>shuts down cleanly on SIGTERM/SIGINT; with {@code NEO4J_EXIT_ON_STDIN_EOF=1} also when
 *       stdin closes (so a crashed parent process never leaves the server behind).
 * </ul>
 */
public final class Neo4jDevServer {
    private static final String HOST = "127.0.0.1";
    private static final long START_TIMEOUT_MS = 120_000;

    private static volatile DatabaseManagementService dbms;
    private static volatile Path tempDir;

    private Neo4jDevServer() {}

    public static void main(String[] args) {
        // Anything Neo4j or its libraries print goes to stderr; stdout carries only the READY line.
        PrintStream ready = System.out;
        System.setOut(System.err);

        int port;
        try {
            port = boltPort();
        } catch (IllegalArgumentException e) {
            fail(e.getMessage(), null);
            return;
        }

        Path home;
        try {
            String dir = args.length > 0 ? args[0] : System.getenv("NEO4J_DATA_DIR");
            if (dir != null && !dir.isBlank()) {
                home = Files.createDirectories(Paths.get(dir).toAbsolutePath().normalize());
            } else {
                tempDir = Files.createTempDirectory("neo4j-dev-");
                home = tempDir;
            }
        } catch (IOException e) {
            fail("cannot create the data directory: " + e, null);
            return;
        }

        Runtime.getRuntime().addShutdownHook(new Thread(Neo4jDevServer::shutdown, "neo4j-dev-shutdown"));

        if (!portFree(port)) {
            fail("Bolt port " + HOST + ":" + port + " is already in use (set NEO4J_BOLT_PORT to another port)", null);
            return;
        }

        try {
            dbms = new DatabaseManagementServiceBuilder(home)
                    .setUserLogProvider(new Log4jLogProvider(System.err, Level.INFO))
                    .setConfig(GraphDatabaseSettings.auth_enabled, false)
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, port))
                    .setConfig(BoltConnector.advertised_address, new SocketAddress(HOST, port))
                    .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(HttpsConnector.enabled, false)
                    .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(256))
                    // No 256 MB preallocated transaction log per database (matters for many temp dirs).
                    .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                    // No usage reports (there is no network to send them to anyway).
                    .setConfig(GraphDatabaseSettings.udc_enabled, false)
                    // Bolt's Netty event loops otherwise idle 5 s each at shutdown (~10 s stop).
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                    .build();

            String name = GraphDatabaseSettings.DEFAULT_DATABASE_NAME;
            GraphDatabaseService db = dbms.database(name);
            long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
            while (!db.isAvailable()) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("database '" + name + "' not available after "
                            + START_TIMEOUT_MS / 1000 + " s");
                }
                Thread.sleep(100);
            }
        } catch (Throwable e) {
            fail(describe(e, port), e);
            return;
        }

        watchStdin();
        ready.println("NEO4J_READY bolt://" + HOST + ":" + port);
        ready.flush();
        // The DBMS threads keep the JVM alive until a signal arrives.
    }

    private static int boltPort() {
        String raw = System.getenv("NEO4J_BOLT_PORT");
        if (raw == null || raw.isBlank()) {
            return 7687;
        }
        try {
            int port = Integer.parseInt(raw.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("NEO4J_BOLT_PORT must be a port number, got '" + raw + "'");
        }
    }

    /** Early, clear answer for the common failure; Neo4j's own bind error is also translated below. */
    private static boolean portFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new java.net.InetSocketAddress(InetAddress.getByName(HOST), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String describe(Throwable e, int port) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException || String.valueOf(t.getMessage()).contains("already in use")) {
                return "Bolt port " + HOST + ":" + port + " is already in use (set NEO4J_BOLT_PORT to another port)";
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = "Neo4j failed to start: " + e;
        return root == e ? msg : msg + " (cause: " + root + ")";
    }

    private static void watchStdin() {
        if (!"1".equals(System.getenv("NEO4J_EXIT_ON_STDIN_EOF"))) {
            return;
        }
        Thread t = new Thread(() -> {
            InputStream in = System.in;
            byte[] buf = new byte[256];
            try {
                while (in.read(buf) >= 0) {
                    // ignore input
                }
            } catch (IOException ignored) {
                // treat as EOF
            }
            System.err.println("neo4j-dev: stdin closed, shutting down");
            System.exit(0);
        }, "neo4j-dev-stdin-watch");
        t.setDaemon(true);
        t.start();
    }

    private static synchronized void shutdown() {
        DatabaseManagementService service = dbms;
        dbms = null;
        if (service != null) {
            try {
                service.shutdown();
            } catch (Throwable e) {
                System.err.println("neo4j-dev: error during shutdown: " + e);
            }
        }
        Path dir = tempDir;
        tempDir = null;
        if (dir != null) {
            deleteRecursively(dir);
        }
    }

    private static void fail(String message, Throwable e) {
        if (e != null && "1".equals(System.getenv("NEO4J_DEBUG"))) {
            e.printStackTrace();
        }
        System.err.println("neo4j-dev: " + message.replace('\n', ' '));
        System.err.flush();
        System.exit(1); // runs the shutdown hook: stops what started, removes the temp dir
    }

    private static void deleteRecursively(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            System.err.println("neo4j-dev: could not delete temp dir " + dir + ": " + e);
        }
    }
}
