package io.courtside.commentary;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.Yaml;

import io.courtside.kernel.JobFailure;

/**
 * Finds the phrase set of a sport and language: {@code <phrases-dir>/<sport>/<language>.yaml}, else the
 * fallback sport's ({@code default/<language>.yaml}); from the folder when it exists, else from the jar. Files
 * are read once and kept.
 */
@Component
public class PhraseBooks {

    private final CommentaryProperties properties;
    private final Map<String, Optional<PhraseBook>> cache = new ConcurrentHashMap<>();

    public PhraseBooks(CommentaryProperties properties) {
        this.properties = properties;
    }

    /** The phrases for {@code sport} in {@code language}; a JobFailure naming the file to add when none exist. */
    public PhraseBook find(String sport, String language) {
        return load(sport, language).or(() -> load(properties.fallbackSport(), language))
                .orElseThrow(() -> new JobFailure(JobFailure.RENDER_ERROR, "No commentary phrases for sport '"
                        + sport + "' in language '" + language + "': add " + properties.phrasesDir() + "/" + sport
                        + "/" + language + ".yaml (or " + properties.fallbackSport() + "/" + language
                        + ".yaml), or set courtside.commentary.language to a language that has phrases."));
    }

    private Optional<PhraseBook> load(String sport, String language) {
        if (!safe(sport) || !safe(language)) {
            return Optional.empty();
        }
        return cache.computeIfAbsent(sport + "/" + language, name -> read(name, language));
    }

    private static boolean safe(String part) {
        return part != null && part.matches("[A-Za-z0-9_-]+");
    }

    private Optional<PhraseBook> read(String name, String language) {
        String file = name + ".yaml";
        try {
            Path dir = properties.phrasesDir();
            if (dir != null && Files.isDirectory(dir)) {
                Path path = dir.resolve(file);
                if (!Files.isRegularFile(path)) {
                    return Optional.empty();
                }
                try (InputStream in = Files.newInputStream(path)) {
                    return Optional.of(parse(name, language, in));
                }
            }
            ClassPathResource resource = new ClassPathResource("commentary/" + file);
            if (!resource.exists()) {
                return Optional.empty();
            }
            try (InputStream in = resource.getInputStream()) {
                return Optional.of(parse(name, language, in));
            }
        } catch (IOException e) {
            throw new JobFailure(JobFailure.RENDER_ERROR, "Commentary phrases " + file + " could not be read: "
                    + e.getMessage(), e);
        }
    }

    private static PhraseBook parse(String name, String language, InputStream in) {
        Object loaded = new Yaml().load(in);
        Map<String, List<String>> templates = new LinkedHashMap<>();
        if (loaded instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (e.getValue() instanceof List<?> list) {
                    templates.put(String.valueOf(e.getKey()), list.stream().map(String::valueOf).toList());
                }
            }
        }
        if (templates.getOrDefault(PhraseBook.GENERIC, List.of()).stream().anyMatch(t -> t.contains("{"))
                || templates.getOrDefault(PhraseBook.GENERIC, List.of()).isEmpty()) {
            throw new JobFailure(JobFailure.RENDER_ERROR, "Commentary phrases " + name + ".yaml need a 'generic'"
                    + " list of lines without placeholders (used when nothing else fits).");
        }
        return new PhraseBook(name, language, templates);
    }
}
