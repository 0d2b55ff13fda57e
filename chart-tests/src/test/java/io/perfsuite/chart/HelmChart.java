package io.perfsuite.chart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

/**
 * The chart as Helm sees it: helm-java embeds Helm's own Go code as a native library, so lint and template here are
 * the real ones, with the real values.schema.json validation.
 */
final class HelmChart {

    static final String RELEASE = "perfsuite";
    static final String NAMESPACE = "perfsuite";

    private final Map<String, Object> values = new LinkedHashMap<>();
    private Path valuesFile;

    static HelmChart withDefaults() {
        return new HelmChart();
    }

    HelmChart set(String key, Object value) {
        values.put(key, value);
        return this;
    }

    /** Values as YAML text, for structures --set cannot express well (lists of objects). */
    HelmChart values(String yaml) {
        try {
            valuesFile = Files.createTempFile("values", ".yaml");
            valuesFile.toFile().deleteOnExit();
            Files.writeString(valuesFile, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** helm template; throws IllegalStateException with Helm's message when it refuses. */
    String template() {
        TemplateCommand command = new Helm(Repository.CHART).template().withName(RELEASE).withNamespace(NAMESPACE);
        if (valuesFile != null) {
            command.withValuesFile(valuesFile);
        }
        values.forEach(command::set);
        return command.call();
    }

    Manifests render() {
        return Manifests.parse(template());
    }

    static LintResult lint() {
        return new Helm(Repository.CHART).lint().strict().call();
    }
}
