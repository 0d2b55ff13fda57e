package io.perfsuite.cache.config;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import io.quarkus.runtime.configuration.MemorySize;

/** A {@link MemorySize} setting must be at least this many bytes. */
@Documented
@Retention(RUNTIME)
@Target(METHOD)
@Constraint(validatedBy = MinBytes.Validator.class)
public @interface MinBytes {

    long value();

    String message() default "must be at least {value} bytes";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<MinBytes, MemorySize> {
        private long min;

        @Override
        public void initialize(MinBytes annotation) {
            min = annotation.value();
        }

        @Override
        public boolean isValid(MemorySize size, ConstraintValidatorContext context) {
            return size == null || size.asLongValue() >= min;
        }
    }
}
