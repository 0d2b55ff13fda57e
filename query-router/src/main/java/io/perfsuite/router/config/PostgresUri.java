package io.perfsuite.router.config;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.net.URI;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** A node address the Vert.x PostgreSQL client understands: {@code postgresql://[user[:password]@]host:port/database}. */
@Documented
@Retention(RUNTIME)
@Target({METHOD, TYPE_USE})
@Constraint(validatedBy = PostgresUri.Validator.class)
public @interface PostgresUri {

    String message() default "must look like postgresql://user@host:port/database";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<PostgresUri, URI> {
        @Override
        public boolean isValid(URI uri, ConstraintValidatorContext context) {
            if (uri == null) {
                return true;
            }
            boolean knownScheme = "postgresql".equals(uri.getScheme()) || "postgres".equals(uri.getScheme());
            String path = uri.getPath();
            return knownScheme && uri.getHost() != null && path != null && path.length() > 1;
        }
    }
}
