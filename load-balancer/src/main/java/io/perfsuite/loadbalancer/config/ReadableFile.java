package io.perfsuite.loadbalancer.config;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** A regular file the process can read: checked at start-up, so a wrong mount fails there and not on first use. */
@Documented
@Retention(RUNTIME)
@Target({METHOD, TYPE_USE})
@Constraint(validatedBy = ReadableFile.Validator.class)
public @interface ReadableFile {

    String message() default "must be a readable file (readable-file)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ReadableFile, Path> {
        @Override
        public boolean isValid(Path path, ConstraintValidatorContext context) {
            return path == null || (Files.isRegularFile(path) && Files.isReadable(path));
        }
    }
}
