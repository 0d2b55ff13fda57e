package io.perfsuite.router.config;

import java.time.Clock;
import java.util.Random;
import java.util.random.RandomGenerator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;

/** Time and randomness as injectable inputs; tests may replace either bean. */
@ApplicationScoped
public class ClockProducer {

    @Produces
    @DefaultBean
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @DefaultBean
    @Singleton
    RandomGenerator random() {
        return new Random();
    }
}
