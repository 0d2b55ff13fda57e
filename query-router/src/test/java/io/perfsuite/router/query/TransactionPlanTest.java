package io.perfsuite.router.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;

import io.perfsuite.api.problem.Problem;
import io.perfsuite.router.api.TransactionRequest;
import io.perfsuite.router.api.TransactionRequest.Statement;
import io.perfsuite.router.config.RouterConfig;
import io.perfsuite.router.config.RouterConfig.Role;
import io.perfsuite.router.problem.ProblemException;
import io.perfsuite.router.routing.FunctionCatalog;
import io.perfsuite.router.routing.StatementClassifier;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The transaction's decisions with the real classifier and the default limits, no database. */
class TransactionPlanTest {

    private static final Admission ADMISSION = new Admission(new SmallRyeConfigBuilder()
            .withSources(new PropertiesConfigSource(Map.of("router.primary.uri", "postgresql://app@127.0.0.1:5432/app",
                    "router.replicas", "postgresql://app@127.0.0.1:5433/app", "router.query.max-sql-length", "64"),
                    "test", 500))
            .withConverter(Duration.class, 200, new DurationConverter())
            .withMapping(RouterConfig.class)
            .build()
            .getConfigMapping(RouterConfig.class));

    private final StatementClassifier classifier = new StatementClassifier(FunctionCatalog.empty());

    private TransactionPlan plan(Role role, Statement... statements) {
        return plan(new TransactionRequest(Arrays.asList(statements), null, null, null), role);
    }

    private TransactionPlan plan(TransactionRequest request, Role role) {
        return TransactionPlan.of(request, role, classifier::classify, ADMISSION);
    }

    private static Statement sql(String sql, Object... params) {
        return new Statement(sql, Arrays.asList(params));
    }

    private static Problem refusal(Executable planning) {
        return catchThrowableOfType(ProblemException.class, planning::execute).problem();
    }

    private static void assertRefused(Problem problem, int status, String field, String rule) {
        assertThat(problem.status()).isEqualTo(status);
        assertThat(problem.field()).isEqualTo(field);
        assertThat(problem.rule()).isEqualTo(rule);
    }

    @Test
    void shouldRefuseATransactionWithoutStatements() {
        Problem problem = refusal(() -> plan(new TransactionRequest(List.of(), null, null, null), Role.WRITER));

        assertRefused(problem, 400, "statements", "required");
        assertThat(refusal(() -> plan(null, Role.WRITER)).field()).isEqualTo("statements");
    }

    @Test
    void shouldRefuseMoreThanAThousandStatements() {
        List<Statement> statements = Collections.nCopies(TransactionPlan.MAX_STATEMENTS + 1, sql("SELECT 1"));

        Problem problem = refusal(() -> plan(new TransactionRequest(statements, null, null, null), Role.WRITER));

        assertRefused(problem, 400, "statements", "max");
        assertThat(plan(new TransactionRequest(statements.subList(0, TransactionPlan.MAX_STATEMENTS), null, null, null),
                Role.WRITER).steps()).hasSize(TransactionPlan.MAX_STATEMENTS);
    }

    @Test
    void shouldNameAMissingStatementByItsPosition() {
        Problem problem = refusal(() -> plan(Role.WRITER, sql("SELECT 1"), null));

        assertRefused(problem, 400, "statements[1]", "required");
    }

    @Test
    void shouldNameAnOverlongStatementsSqlWithA413() {
        Problem problem = refusal(() -> plan(Role.WRITER, sql("SELECT 1"), sql("SELECT '" + "x".repeat(64) + "'")));

        assertRefused(problem, 413, "statements[1].sql", "max-length");
    }

    @Test
    void shouldRefuseASessionSettingNamingItsStatementsSql() {
        Problem problem = refusal(() -> plan(Role.WRITER, sql("SELECT 1"), sql("SET search_path TO x")));

        assertRefused(problem, 400, "statements[1].sql", "stateless");
    }

    @Test
    void shouldAllowTheRefusalsATransactionEndsSuchAsSetLocal() {
        TransactionPlan plan = plan(Role.WRITER, sql("SET LOCAL statement_timeout = '1s'"), sql("SELECT 1"));

        assertThat(plan.steps()).hasSize(2);
    }

    @Test
    void shouldRefuseAWriteForAReaderKeyNamingItsStatementsSql() {
        Problem problem = refusal(() -> plan(Role.READER, sql("SELECT 1"), sql("UPDATE accounts SET n = 1")));

        assertRefused(problem, 403, "statements[1].sql", "read-only");
    }

    @Test
    void shouldSetReadOnlyForAReaderKey() {
        assertThat(plan(Role.READER, sql("SELECT 1")).setTransaction())
                .isEqualTo("SET TRANSACTION ISOLATION LEVEL READ COMMITTED READ ONLY");
        assertThat(plan(Role.WRITER, sql("SELECT 1")).setTransaction())
                .isEqualTo("SET TRANSACTION ISOLATION LEVEL READ COMMITTED");
    }

    @Test
    void shouldOpenTheTransactionAtTheRequestedIsolation() {
        TransactionPlan plan = plan(new TransactionRequest(List.of(sql("SELECT 1")), "repeatable-read", null, null),
                Role.READER);

        assertThat(plan.setTransaction()).isEqualTo("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
        Problem problem = refusal(
                () -> plan(new TransactionRequest(List.of(sql("SELECT 1")), "snapshot", null, null), Role.WRITER));
        assertRefused(problem, 400, "isolation", "enum");
    }

    @Test
    void shouldRefuseAParameterisedMultiStatement() {
        Problem problem = refusal(() -> plan(Role.WRITER, sql("SELECT 1"), sql("SELECT $1; SELECT 2", 7)));

        assertRefused(problem, 400, "statements[1].params", "single-statement");
    }

    @Test
    void shouldSendAMultiStatementStringWithTheSimpleProtocolAndASingleOneWithItsParams() {
        TransactionPlan plan = plan(Role.WRITER, sql("SELECT 1; SELECT 2"), sql("SELECT $1, $2", 7, null));

        assertThat(plan.steps().get(0).simple()).isTrue();
        assertThat(plan.steps().get(0).params()).isEmpty();
        assertThat(plan.steps().get(1).simple()).isFalse();
        assertThat(plan.steps().get(1).params()).containsExactly(7, null);
        assertThat(plan.sqls()).containsExactly("SELECT 1; SELECT 2", "SELECT $1, $2");
    }

    @Test
    void shouldNameAParameterThatDoesNotBindByItsPosition() {
        Problem problem = refusal(() -> plan(Role.WRITER, sql("SELECT $1, $2", 1, List.of(1, "two"))));

        assertRefused(problem, 400, "statements[0].params[1]", "type");
    }

    @Test
    void shouldDiscardTempWhenAStatementCreatesATemporaryTable() {
        TransactionPlan plan = plan(Role.WRITER, sql("CREATE TEMPORARY TABLE scratch (id int)"),
                sql("INSERT INTO scratch VALUES (1)"));

        assertThat(plan.discardTemp()).isTrue();
        assertThat(plan(Role.WRITER, sql("SELECT 1"), sql("INSERT INTO accounts VALUES (1)")).discardTemp()).isFalse();
    }

    @Test
    void shouldDropEveryTableTheTransactionWritesOnceCommitted() {
        TransactionPlan plan = plan(Role.WRITER, sql("SELECT * FROM orders"), sql("UPDATE accounts SET n = 1"),
                sql("DELETE FROM audit"));

        assertThat(plan.invalidation().needed()).isTrue();
        assertThat(plan.invalidation().tables()).contains(Set.of("orders", "accounts", "audit"));
        assertThat(plan(Role.READER, sql("SELECT * FROM orders")).invalidation().needed())
                .as("a transaction of reads drops nothing").isFalse();
    }

    @Test
    void shouldBoundEachStatementsRowsAndTheWholeByTheRequestWithinTheConfiguredLimits() {
        TransactionPlan plan = plan(new TransactionRequest(List.of(sql("SELECT 1")), null, 2_000L, 10), Role.WRITER);

        assertThat(plan.maxRows()).isEqualTo(10);
        assertThat(plan.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(plan(Role.WRITER, sql("SELECT 1")).maxRows()).as("the configured default").isEqualTo(10_000);
        Problem problem = refusal(
                () -> plan(new TransactionRequest(List.of(sql("SELECT 1")), null, null, 0), Role.WRITER));
        assertRefused(problem, 400, "maxRows", "range");
    }

    @Test
    void shouldKeepThePlanFreeOfVertxAndMutinyTypes() {
        ArchRuleDefinition.noClasses().that().haveSimpleNameStartingWith("TransactionPlan").should()
                .dependOnClassesThat().resideInAnyPackage("io.vertx..", "io.smallrye.mutiny..")
                .because("the executor alone turns the plan into I/O")
                .check(new ClassFileImporter().importClasses(TransactionPlan.class, TransactionPlan.Step.class));
    }
}
