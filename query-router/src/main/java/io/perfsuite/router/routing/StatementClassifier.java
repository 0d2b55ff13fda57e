package io.perfsuite.router.routing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.UnsupportedStatement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.upsert.Upsert;

/**
 * Decides where a SQL string may run. Anything it cannot prove to be a read goes to the primary: the cost of a wrong
 * "primary" is some load, the cost of a wrong "replica" is a failed or, worse, silently wrong statement.
 * <p>
 * Each statement of a multi-statement string is classified on its own (PgDog routes by the first one only) and the
 * string goes to the primary if any of them must. Keywords JSqlParser does not parse (BEGIN, LISTEN, COPY, DO, LOCK,
 * VACUUM, EXPLAIN, ...) are recognised from the comment-free text first.
 */
public final class StatementClassifier {

    private static final Refusal TRANSACTION_CONTROL = new Refusal(
            "transaction control cannot span REST requests: each request runs on whichever pooled connection is free; "
                    + "send the statements together to POST /v1/transaction",
            false);
    private static final Refusal SESSION_SETTING = new Refusal(
            "SET changes the pooled connection's session, which later requests from other clients would inherit "
                    + "(even when set inside a transaction that commits); use SET LOCAL or set_config(name, value, true) "
                    + "inside POST /v1/transaction",
            false);
    private static final Refusal SET_LOCAL_OUTSIDE = new Refusal(
            "SET LOCAL lasts until the end of the transaction, so on its own it has no effect; "
                    + "use it inside POST /v1/transaction",
            true);
    private static final Refusal SET_TRANSACTION = new Refusal(
            "SET TRANSACTION only applies inside a transaction; use the isolation field of POST /v1/transaction",
            false);
    private static final Refusal LISTEN = new Refusal(
            "LISTEN subscribes the pooled connection, and REST has no channel to deliver notifications on", false);
    private static final Refusal SESSION_RESET = new Refusal(
            "RESET, DISCARD, DEALLOCATE and LOAD act on the pooled connection's session, which REST clients share",
            false);
    private static final Refusal TEMP_TABLE = new Refusal(
            "a temporary table lives in one session; a later request may run on another connection or node and not "
                    + "see it, so create and use it inside one POST /v1/transaction",
            true);
    private static final Refusal SESSION_CONFIG = new Refusal(
            "a session-wide setting (set_config(name, value, false), UPDATE pg_settings) changes the pooled "
                    + "connection's session, which later requests from other clients would inherit (even when made "
                    + "inside a transaction that commits); use set_config(name, value, true) with true as the third "
                    + "argument, or SET LOCAL, inside POST /v1/transaction",
            false);
    private static final Refusal COPY = new Refusal(
            "COPY streams data over the PostgreSQL wire protocol, which REST does not carry; use INSERT or SELECT",
            false);

    private final FunctionRules functions;

    public StatementClassifier(FunctionCatalog catalog) {
        this(catalog, Set.of());
    }

    /** @param replicaSafeFunctions user functions the operator declares read-only, whatever their volatility */
    public StatementClassifier(FunctionCatalog catalog, Set<String> replicaSafeFunctions) {
        this.functions = new FunctionRules(catalog, lowerCase(replicaSafeFunctions));
    }

    public Classification classify(String sql) {
        List<SqlText.Statement> statements = SqlText.split(sql);
        if (statements.isEmpty()) {
            return Classification.primary("no statement", Set.of());
        }
        if (statements.size() == 1) {
            return classifyOne(statements.get(0));
        }
        List<Classification> parts = new ArrayList<>();
        for (SqlText.Statement statement : statements) {
            parts.add(classifyOne(statement));
        }
        Set<String> tables = new TreeSet<>();
        parts.forEach(part -> tables.addAll(part.tables()));
        boolean knownWrites = parts.stream().allMatch(part -> part.isRead() || part.plainDml());
        for (int i = 0; i < parts.size(); i++) {
            Classification part = parts.get(i);
            if (part.refusal().isPresent() || part.route() == Route.PRIMARY) {
                String reason = "statement " + (i + 1) + " of " + parts.size() + ": " + part.reason();
                return new Classification(Route.PRIMARY, reason, tables, firstRefusal(parts), parts.size(), false)
                        .withStatements(parts.size(), knownWrites)
                        .withUnknownFunctions(parts.stream().anyMatch(Classification::unknownFunctions));
            }
        }
        return Classification.replica("all " + parts.size() + " statements only read", tables)
                .withStatements(parts.size(), false)
                .withOpaqueReads(parts.stream().anyMatch(Classification::opaqueReads));
    }

    private static Optional<Refusal> firstRefusal(List<Classification> parts) {
        return parts.stream().flatMap(part -> part.refusal().stream()).findFirst();
    }

    private Classification classifyOne(SqlText.Statement statement) {
        List<String> words = statement.words();
        String first = words.isEmpty() ? "" : words.get(0);
        String second = words.size() > 1 ? words.get(1) : "";
        return switch (first) {
            case "BEGIN", "START", "COMMIT", "END", "ROLLBACK", "ABORT", "SAVEPOINT", "RELEASE" ->
                Classification.refused("explicit transaction control (" + first + ")", TRANSACTION_CONTROL);
            case "PREPARE" -> "TRANSACTION".equals(second)
                    ? Classification.refused("explicit transaction control (PREPARE TRANSACTION)", TRANSACTION_CONTROL)
                    : Classification.refused("PREPARE creates a session-level prepared statement", SESSION_RESET);
            case "SET" -> classifySet(second);
            case "RESET", "DISCARD", "DEALLOCATE", "LOAD" ->
                Classification.refused(first + " changes session state", SESSION_RESET);
            case "LISTEN", "UNLISTEN" -> Classification.refused(first + " subscribes the session", LISTEN);
            case "NOTIFY" -> Classification.primary("NOTIFY cannot run on a standby", Set.of());
            case "COPY" -> classifyCopy(statement, words);
            case "EXPLAIN" -> classifyExplain(statement, words);
            case "SHOW" -> Classification.replica("SHOW only reads a setting", Set.of());
            case "DO" -> Classification.primary("DO runs an anonymous block that may write", Set.of());
            case "CALL" -> Classification.primary("CALL runs a procedure that may write and commit", Set.of());
            case "LOCK" -> Classification.primary(
                    "LOCK TABLE, in any mode, only means something on the primary where writers run", Set.of());
            case "VACUUM", "ANALYZE", "ANALYSE", "CLUSTER", "REINDEX", "CHECKPOINT" ->
                Classification.primary(first + " is maintenance, which a standby refuses", Set.of());
            case "REFRESH" -> Classification.primary("REFRESH MATERIALIZED VIEW rewrites the view", Set.of());
            case "CREATE" -> isTemporary(words)
                    ? Classification.refused("CREATE TEMPORARY creates session state", TEMP_TABLE)
                    : Classification.primary("CREATE changes the schema", Set.of());
            case "ALTER", "DROP", "TRUNCATE", "GRANT", "REVOKE", "COMMENT", "SECURITY", "IMPORT", "REASSIGN" ->
                Classification.primary(first + " changes the database", Set.of());
            default -> selectsIntoTemporary(words)
                    ? Classification.refused("SELECT INTO TEMPORARY creates session state", TEMP_TABLE)
                    : classifyParsed(statement);
        };
    }

    /** SELECT ... INTO [GLOBAL | LOCAL] {TEMP | TEMPORARY} [TABLE] name ... (also after WITH). */
    private static boolean selectsIntoTemporary(List<String> words) {
        if (words.isEmpty() || !("SELECT".equals(words.get(0)) || "WITH".equals(words.get(0)))) {
            return false;
        }
        for (int i = 1; i < words.size(); i++) {
            // INSERT INTO temp ... and MERGE INTO temp ... name a table called temp
            boolean selectInto = !"INSERT".equals(words.get(i - 1)) && !"MERGE".equals(words.get(i - 1));
            if ("INTO".equals(words.get(i)) && selectInto && isTemporary(words.subList(i, words.size()))) {
                return true;
            }
        }
        return false;
    }

    private static Classification classifySet(String second) {
        return switch (second) {
            case "LOCAL" -> Classification.refused("SET LOCAL outside a transaction", SET_LOCAL_OUTSIDE);
            case "TRANSACTION", "CONSTRAINTS" -> Classification.refused("SET " + second + " outside a transaction",
                    SET_TRANSACTION);
            default -> Classification.refused("plain SET changes the session", SESSION_SETTING);
        };
    }

    /** CREATE [GLOBAL | LOCAL] {TEMP | TEMPORARY} ... */
    private static boolean isTemporary(List<String> words) {
        for (int i = 1; i < Math.min(words.size(), 4); i++) {
            String word = words.get(i);
            if ("TEMP".equals(word) || "TEMPORARY".equals(word)) {
                return true;
            }
            if (!"GLOBAL".equals(word) && !"LOCAL".equals(word)) {
                return false;
            }
        }
        return false;
    }

    private Classification classifyCopy(SqlText.Statement statement, List<String> words) {
        // COPY table [(columns)] FROM ... writes; COPY table TO / COPY (query) TO reads (the query decides).
        int depth = 0;
        for (int i = 1; i < words.size(); i++) {
            String word = words.get(i);
            if ("(".equals(word)) {
                depth++;
            } else if (")".equals(word)) {
                depth--;
            } else if (depth == 0 && "FROM".equals(word)) {
                return new Classification(Route.PRIMARY, "COPY FROM writes rows", Set.of(), Optional.of(COPY));
            } else if (depth == 0 && "TO".equals(word)) {
                Route route = Route.REPLICA;
                String reason = "COPY TO only reads";
                String masked = statement.masked();
                int open = masked.indexOf('(');
                if ("(".equals(words.get(1)) && open >= 0) {
                    int close = matchingParen(masked, open);
                    Classification inner = classify(statement.text().substring(open + 1, close));
                    route = inner.route();
                    reason = "COPY (query) TO: " + inner.reason();
                }
                return new Classification(route, reason, Set.of(), Optional.of(COPY));
            }
        }
        return new Classification(Route.PRIMARY, "COPY without FROM or TO", Set.of(), Optional.of(COPY));
    }

    /**
     * EXPLAIN is not parsed by JSqlParser: strip its options and classify the statement it explains. Even without
     * ANALYZE an explained write goes to the primary; planning it there costs little and nothing depends on proving
     * the options harmless.
     */
    private Classification classifyExplain(SqlText.Statement statement, List<String> words) {
        String masked = statement.masked();
        int index = masked.toUpperCase(Locale.ROOT).indexOf("EXPLAIN") + "EXPLAIN".length();
        boolean analyze = false;
        int wordIndex = 1;
        while (index < masked.length()) {
            while (index < masked.length() && Character.isWhitespace(masked.charAt(index))) {
                index++;
            }
            if (index < masked.length() && masked.charAt(index) == '(') {
                int close = matchingParen(masked, index);
                String options = masked.substring(index + 1, close).toUpperCase(Locale.ROOT);
                analyze |= options.matches("(?s).*\\bANALY[SZ]E\\b(?!\\s+(FALSE|OFF|0)\\b).*");
                index = close + 1;
                continue;
            }
            String word = wordIndex < words.size() ? words.get(wordIndex) : "";
            if ("ANALYZE".equals(word) || "ANALYSE".equals(word) || "VERBOSE".equals(word)) {
                analyze |= !"VERBOSE".equals(word);
                index = masked.toUpperCase(Locale.ROOT).indexOf(word, index) + word.length();
                wordIndex++;
                continue;
            }
            break;
        }
        String inner = statement.text().substring(Math.min(index, statement.text().length()));
        Classification explained = classify(inner);
        String prefix = analyze ? "EXPLAIN ANALYZE executes the statement: " : "EXPLAIN of: ";
        return explained.withReason(prefix + explained.reason());
    }

    private static int matchingParen(String masked, int open) {
        int depth = 0;
        for (int i = open; i < masked.length(); i++) {
            if (masked.charAt(i) == '(') {
                depth++;
            } else if (masked.charAt(i) == ')') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return masked.length() - 1;
    }

    private Classification classifyParsed(SqlText.Statement text) {
        Statement statement;
        try {
            // the parser's own method, not CCJSqlParserUtil.parse: that one hands every parse to a thread pool
            Statements parsed = CCJSqlParserUtil.newParser(text.text()).Statements();
            if (parsed.size() != 1) {
                return Classification.primary("not parsed as one statement", Set.of());
            }
            statement = parsed.get(0);
        } catch (Exception | Error e) {
            // JSqlParser throws TokenMgrError for some inputs; whatever it cannot read goes to the primary
            return Classification.primary("not parsed, so not provably read-only", Set.of());
        }
        if (statement == null || statement instanceof UnsupportedStatement) {
            return Classification.primary("not parsed, so not provably read-only", Set.of());
        }
        StatementWalker walker = new StatementWalker();
        Set<String> tables;
        try {
            tables = normalise(walker.tablesOf(statement));
        } catch (RuntimeException e) {
            return Classification.primary("statement shape not understood (" + statement.getClass().getSimpleName()
                    + "), so not provably read-only", Set.of());
        }
        for (String function : walker.functions()) {
            Optional<Refusal> refusal = functions.refusal(function);
            if (refusal.isPresent()) {
                return new Classification(Route.PRIMARY, function + "() holds session state", tables, refusal);
            }
        }
        if (statement instanceof Update
                && (tables.contains("pg_settings") || tables.contains("pg_catalog.pg_settings"))) {
            return new Classification(Route.PRIMARY, "UPDATE pg_settings changes the session", tables,
                    Optional.of(SESSION_CONFIG));
        }
        if (walker.setsSessionConfig()) {
            return new Classification(Route.PRIMARY, "set_config() without is_local = true changes the session",
                    tables, Optional.of(SESSION_CONFIG));
        }
        if (statement instanceof Insert || statement instanceof Update || statement instanceof Delete
                || statement instanceof Merge || statement instanceof Upsert) {
            String verb = statement.getClass().getSimpleName().toUpperCase(Locale.ROOT);
            Classification write = Classification.primary(verb + " writes", tables);
            // a call that may write elsewhere (a VOLATILE user function) makes the written tables unknown
            boolean known = walker.functions().stream().noneMatch(functions::mayWriteOtherTables);
            return known ? write.asPlainDml() : write;
        }
        if (!(statement instanceof Select)) {
            return Classification.primary(statement.getClass().getSimpleName() + " is not known to be read-only", tables);
        }
        Optional<String> write = walker.writeReason();
        if (write.isPresent()) {
            return Classification.primary(write.get(), tables);
        }
        for (String function : walker.functions()) {
            Optional<String> reason = functions.primaryReason(function);
            if (reason.isPresent()) {
                return Classification.primary(reason.get(), tables)
                        .withUnknownFunctions(walker.functions().stream().anyMatch(functions::unknown));
            }
        }
        return Classification.replica("read-only SELECT", tables)
                .withOpaqueReads(walker.functions().stream().anyMatch(functions::userDefined));
    }

    /** PostgreSQL folds unquoted names to lower case and keeps quoted ones as written. */
    private static Set<String> normalise(Set<String> names) {
        Set<String> tables = new TreeSet<>();
        for (String name : names) {
            List<String> parts = new ArrayList<>();
            for (String part : name.split("\\.(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
                parts.add(identifier(part));
            }
            tables.add(String.join(".", parts));
        }
        return tables;
    }

    static String identifier(String part) {
        String trimmed = part.trim();
        if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
            return trimmed.substring(1, trimmed.length() - 1).replace("\"\"", "\"");
        }
        return trimmed.toLowerCase(Locale.ROOT);
    }

    private static Set<String> lowerCase(Set<String> names) {
        Set<String> lower = new LinkedHashSet<>();
        names.forEach(name -> lower.add(name.toLowerCase(Locale.ROOT)));
        return lower;
    }
}
