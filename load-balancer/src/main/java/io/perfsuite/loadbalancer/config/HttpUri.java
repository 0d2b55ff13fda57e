package io.perfsuite.loadbalancer.config;

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

/** An absolute http(s) URL with a host: the only kind of backend address the proxy can dial. */
@Documented
@Retention(RUNTIME)
@Target({METHOD, TYPE_USE})
@Constraint(validatedBy = HttpUri.Validator.class)
public @interface HttpUri {

    String message() default "must be an absolute http:// or https:// URL with a host";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<HttpUri, URI> {
        @Override
        public boolean isValid(URI uri, ConstraintValidatorContext context) {
            return uri == null
                    || (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null);
        }
    }
}
