package io.perfsuite.cache.config;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.time.Duration;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A duration setting the service can use as it is: positive (or zero where {@link #zeroAllowed}), a whole number of
 * milliseconds (Redis PX/PXAT and Vert.x timers count in milliseconds, so a finer part would be dropped silently),
 * and at most {@value #MAX_DAYS} days, so it still fits Caffeine's nanosecond arithmetic added to the current time.
 */
@Documented
@Retention(RUNTIME)
@Target(METHOD)
@Constraint(validatedBy = ValidDuration.Validator.class)
public @interface ValidDuration {

    /** About 292 years minus today's distance from the epoch would overflow a long of nanoseconds; 100 years fits. */
    long MAX_DAYS = 36_500;

    boolean zeroAllowed() default false;

    String message() default "must be a positive duration of whole milliseconds, at most " + MAX_DAYS + "d";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ValidDuration, Duration> {
        private static final Duration MAX = Duration.ofDays(MAX_DAYS);
        private boolean zeroAllowed;

        @Override
        public void initialize(ValidDuration annotation) {
            zeroAllowed = annotation.zeroAllowed();
        }

        @Override
        public boolean isValid(Duration d, ConstraintValidatorContext context) {
            if (d == null) {
                return true;
            }
            boolean inRange = zeroAllowed ? !d.isNegative() : !d.isNegative() && !d.isZero();
            boolean valid = inRange && d.compareTo(MAX) <= 0 && d.getNano() % 1_000_000 == 0;
            if (!valid) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate((zeroAllowed ? "must be a non-negative" : "must be a positive")
                        + " duration of whole milliseconds, at most " + MAX_DAYS + "d (e.g. 500ms, 30s, 5m, 1h), but was "
                        + d).addConstraintViolation();
            }
            return valid;
        }
    }
}
