package io.perfsuite.router.routing;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.NextValExpression;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.delete.ParenthesedDelete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.insert.ParenthesedInsert;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.update.ParenthesedUpdate;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.util.TablesNamesFinder;

/**
 * Walks a whole parsed statement (subqueries, CTEs, FROM functions, expressions) once, collecting the tables it
 * names, the functions it calls and the first construct that makes a SELECT write or lock.
 */
final class StatementWalker extends TablesNamesFinder<Void> {

    private final Set<String> functions = new LinkedHashSet<>();
    private final Set<String> cteNames = new LinkedHashSet<>();
    private String writeReason;
    private boolean sessionConfig;

    Set<String> tablesOf(Statement statement) {
        Set<String> tables = new LinkedHashSet<>(getTables(statement));
        tables.removeIf(name -> cteNames.contains(StatementClassifier.identifier(name)));
        return tables;
    }

    Set<String> functions() {
        return functions;
    }

    /** A set_config() call not provably transaction-local: it changes the session the pooled connection keeps. */
    boolean setsSessionConfig() {
        return sessionConfig;
    }

    Optional<String> writeReason() {
        return Optional.ofNullable(writeReason);
    }

    private void write(String reason) {
        if (writeReason == null) {
            writeReason = reason;
        }
    }

    @Override
    public <S> Void visit(PlainSelect select, S context) {
        if (select.getForMode() != null || select.getForUpdateTable() != null) {
            String mode = select.getForMode() == null ? "UPDATE" : select.getForMode().getValue();
            write("SELECT ... FOR " + mode + " locks rows, which only the primary can do");
        }
        if (select.getIntoTables() != null && !select.getIntoTables().isEmpty()) {
            write("SELECT INTO creates a table");
        }
        List<WithItem<?>> with = select.getWithItemsList();
        if (with != null) {
            with.forEach(this::checkWithItem);
        }
        return super.visit(select, context);
    }

    @Override
    public <S> Void visit(WithItem<?> item, S context) {
        if (item.getAlias() != null) {
            cteNames.add(StatementClassifier.identifier(item.getAlias().getName()));
        }
        if (checkWithItem(item)) {
            // TablesNamesFinder casts every CTE body to a SELECT; walk a writing one ourselves
            Statement body = (Statement) item.getParenthesedStatement();
            body.accept(this, context);
            return null;
        }
        return super.visit(item, context);
    }

    /** WithItem's typed getters cast blindly, so look at the body's class instead. */
    private boolean checkWithItem(WithItem<?> item) {
        Object body = item.getParenthesedStatement();
        boolean writes = body instanceof ParenthesedInsert || body instanceof ParenthesedUpdate
                || body instanceof ParenthesedDelete;
        if (writes) {
            write("writable CTE (WITH ... AS (INSERT/UPDATE/DELETE ...))");
        }
        return writes;
    }

    @Override
    public <S> Void visit(ParenthesedInsert insert, S context) {
        write("writable CTE (WITH ... AS (INSERT ...))");
        return super.visit(insert, context);
    }

    @Override
    public <S> Void visit(ParenthesedUpdate update, S context) {
        write("writable CTE (WITH ... AS (UPDATE ...))");
        return super.visit(update, context);
    }

    @Override
    public <S> Void visit(ParenthesedDelete delete, S context) {
        write("writable CTE (WITH ... AS (DELETE ...))");
        return super.visit(delete, context);
    }

    @Override
    public <S> Void visit(Insert insert, S context) {
        write("INSERT writes");
        return super.visit(insert, context);
    }

    @Override
    public <S> Void visit(Update update, S context) {
        write("UPDATE writes");
        return super.visit(update, context);
    }

    @Override
    public <S> Void visit(Delete delete, S context) {
        write("DELETE writes");
        return super.visit(delete, context);
    }

    @Override
    public <S> Void visit(NextValExpression nextVal, S context) {
        write("NEXTVAL FOR advances a sequence");
        return super.visit(nextVal, context);
    }

    /** PostgreSQL's spellings of true; anything else (false, a parameter, an expression) may be session-wide. */
    private static final Set<String> TRUE = Set.of("true", "t", "tr", "tru", "yes", "ye", "y", "on", "1");

    private static boolean isLocal(Function setConfig) {
        if (setConfig.getParameters() == null || setConfig.getParameters().size() != 3) {
            return false;
        }
        String literal = setConfig.getParameters().get(2).toString().trim().toLowerCase(Locale.ROOT);
        if (literal.length() >= 2 && literal.startsWith("'") && literal.endsWith("'")) {
            literal = literal.substring(1, literal.length() - 1).trim();
        }
        return TRUE.contains(literal);
    }

    @Override
    public <S> Void visit(Function function, S context) {
        List<String> parts = function.getMultipartName();
        String last = parts == null || parts.isEmpty() ? function.getName() : parts.get(parts.size() - 1);
        if (last != null) {
            functions.add(StatementClassifier.identifier(last));
            if ("set_config".equals(StatementClassifier.identifier(last)) && !isLocal(function)) {
                sessionConfig = true;
            }
        }
        return super.visit(function, context);
    }
}
