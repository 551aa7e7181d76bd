package dev.tableflow.onboarding.testbed.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * {@code function.zip} unpacked the way Lambda unpacks it into {@code /var/task}: the app's classes at the root,
 * its dependencies in {@code lib/}. Deleted again on {@link #close()}.
 */
public final class PackagedApp implements AutoCloseable {

    private static final String NAMED = "jakarta/inject/Named";
    private static final List<String> HANDLER_TYPES = List.of(
            "com.amazonaws.services.lambda.runtime.RequestHandler",
            "com.amazonaws.services.lambda.runtime.RequestStreamHandler");

    private final Path taskRoot;

    private PackagedApp(Path taskRoot) {
        this.taskRoot = taskRoot;
    }

    public static PackagedApp unzip(Path functionZip) {
        if (!Files.isRegularFile(functionZip)) {
            throw new IllegalArgumentException(functionZip + " does not exist; build it with `mvn package`");
        }
        try {
            Path root = Files.createTempDirectory("lambda-task-");
            try (ZipFile zip = new ZipFile(functionZip.toFile())) {
                for (ZipEntry entry : zip.stream().toList()) {
                    Path target = root.resolve(entry.getName()).normalize();
                    if (!target.startsWith(root)) {
                        throw new IOException("zip entry escapes the task root: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        try (InputStream in = zip.getInputStream(entry)) {
                            Files.copy(in, target);
                        }
                    }
                }
            }
            return new PackagedApp(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unzip " + functionZip, e);
        }
    }

    /** What Lambda calls {@code LAMBDA_TASK_ROOT}. */
    public Path taskRoot() {
        return taskRoot;
    }

    /**
     * The {@code @Named} handlers in the package, name to class: the values {@code QUARKUS_LAMBDA_HANDLER} may take.
     * Lets a test check that every handler the template names was packaged.
     */
    public Map<String, String> handlers() {
        Map<String, String> handlers = new TreeMap<>();
        try (URLClassLoader loader = new URLClassLoader(classpath(), ClassLoader.getPlatformClassLoader());
             Stream<Path> files = Files.walk(taskRoot)) {
            List<Class<?>> handlerTypes = new ArrayList<>();
            for (String type : HANDLER_TYPES) {
                handlerTypes.add(loader.loadClass(type));
            }
            for (Path file : files.filter(f -> f.toString().endsWith(".class") && mentionsNamed(f)).toList()) {
                String className = taskRoot.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                namedHandler(loader, className, handlerTypes).ifPresent(name -> handlers.put(name, className));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(taskRoot + "/lib lacks aws-lambda-java-core", e);
        }
        return handlers;
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(taskRoot)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp dir is harmless
        }
    }

    private static Optional<String> namedHandler(ClassLoader loader, String className,
                                                           List<Class<?>> handlerTypes) {
        try {
            Class<?> type = Class.forName(className, false, loader);
            if (handlerTypes.stream().noneMatch(h -> h.isAssignableFrom(type))) {
                return Optional.empty();
            }
            for (Annotation annotation : type.getAnnotations()) {
                if (annotation.annotationType().getName().equals("jakarta.inject.Named")) {
                    return Optional.of((String) annotation.annotationType().getMethod("value")
                            .invoke(annotation));
                }
            }
        } catch (ReflectiveOperationException | LinkageError | TypeNotPresentException unloadable) {
            // Generated or framework classes that need more than the app's classpath are not handlers.
        }
        return Optional.empty();
    }

    private URL[] classpath() throws IOException {
        List<URL> urls = new ArrayList<>();
        urls.add(url(taskRoot));
        try (Stream<Path> jars = Files.list(taskRoot.resolve("lib"))) {
            for (Path jar : jars.filter(j -> j.toString().endsWith(".jar")).toList()) {
                urls.add(url(jar));
            }
        }
        return urls.toArray(URL[]::new);
    }

    private static URL url(Path path) throws MalformedURLException {
        return path.toUri().toURL();
    }

    /** Cheap pre-filter: only classes whose constant pool mentions {@code @Named} are loaded. */
    private static boolean mentionsNamed(Path classFile) {
        try {
            return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1).contains(NAMED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
