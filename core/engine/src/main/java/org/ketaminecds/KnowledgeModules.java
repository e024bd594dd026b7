package org.ketaminecds;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.drools.model.Model;
import org.drools.modelcompiler.KieBaseBuilder;
import org.kie.api.KieBase;
import org.kie.api.conf.EqualityBehaviorOption;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The knowledge bases of the kjars on a class loader, built straight from their executable models: each kjar's
 * {@code META-INF/kmodule.xml} names its knowledge bases (packages, includes, equality behaviour) and its
 * {@code META-INF/kie/<group>/<artifact>/drools-model} lists its generated model classes. This replaces Drools'
 * class-path container, which scans and builds every kjar on the host's class path, needs XStream at run time and
 * cannot see a kjar repackaged inside a single runnable jar. A site kjar that includes ours keeps working: includes
 * resolve across every kjar the class loader sees.
 */
final class KnowledgeModules {
    private static final String KMODULE = "META-INF/kmodule.xml";

    /** One knowledge base declaration of a kjar. */
    private record KieBaseDeclaration(
            String name, String root, List<String> packages, List<String> includes, boolean identity) {}

    private final ClassLoader classLoader;
    private final Map<String, KieBaseDeclaration> declarations = new LinkedHashMap<>();
    /** Model class names by kjar root (the URL prefix before META-INF/). */
    private final Map<String, List<String>> modelsByRoot = new LinkedHashMap<>();

    private KnowledgeModules(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    /** Reads every kjar the class loader sees. */
    static KnowledgeModules scan(ClassLoader classLoader) {
        KnowledgeModules modules = new KnowledgeModules(classLoader);
        try {
            Enumeration<URL> kmodules = classLoader.getResources(KMODULE);
            while (kmodules.hasMoreElements()) {
                URL url = kmodules.nextElement();
                String root = url.toString().substring(0, url.toString().length() - KMODULE.length());
                modules.modelsByRoot.put(root, modelClasses(url, root));
                modules.readKmodule(url, root);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the kjars on the class path", e);
        }
        return modules;
    }

    private void readKmodule(URL url, String root) throws IOException {
        Document doc;
        try (InputStream in = url.openStream()) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            doc = factory.newDocumentBuilder().parse(in);
        } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new RuleSetException(url + ": not a readable kmodule.xml (" + e.getMessage() + ")");
        }
        NodeList kbases = doc.getElementsByTagNameNS("*", "kbase");
        for (int i = 0; i < kbases.getLength(); i++) {
            Element kbase = (Element) kbases.item(i);
            String name = kbase.getAttribute("name");
            KieBaseDeclaration previous = declarations.putIfAbsent(
                    name,
                    new KieBaseDeclaration(
                            name,
                            root,
                            list(kbase.getAttribute("packages")),
                            list(kbase.getAttribute("includes")),
                            !"equality".equalsIgnoreCase(kbase.getAttribute("equalsBehavior"))));
            // The same kjar twice on a class path (a manifest Class-Path and the build's own path) is harmless: the
            // first copy is used, as for classes. Two different kjars with one knowledge-base name are ambiguous.
            if (previous != null
                    && !previous.root().equals(root)
                    && !modelsByRoot.get(previous.root()).equals(modelsByRoot.get(root))) {
                throw new RuleSetException("two different kjars declare the knowledge base '" + name + "': "
                        + previous.root() + " and " + root);
            }
        }
    }

    private static List<String> list(String attribute) {
        return Arrays.stream(attribute.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** The model classes listed by the drools-model files of a kjar (a jar, or a class directory in a build). */
    private static List<String> modelClasses(URL kmodule, String root) throws IOException {
        List<String> lines = new ArrayList<>();
        if (kmodule.getProtocol().equals("jar")) {
            JarURLConnection connection = (JarURLConnection) kmodule.openConnection();
            connection.setUseCaches(false);
            try (JarFile jar = connection.getJarFile()) {
                for (JarEntry entry : java.util.Collections.list(jar.entries())) {
                    if (entry.getName().startsWith("META-INF/kie/")
                            && entry.getName().endsWith("/drools-model")) {
                        try (InputStream in = jar.getInputStream(entry)) {
                            lines.addAll(new String(in.readAllBytes(), StandardCharsets.UTF_8)
                                    .lines()
                                    .toList());
                        }
                    }
                }
            }
        } else if (kmodule.getProtocol().equals("file")) {
            Path kie;
            try {
                kie = Path.of(new URL(root).toURI()).resolve("META-INF/kie");
            } catch (java.net.URISyntaxException e) {
                throw new IOException(e);
            }
            if (Files.isDirectory(kie)) {
                try (Stream<Path> files = Files.walk(kie)) {
                    for (Path f : files.filter(p -> p.getFileName().toString().equals("drools-model"))
                            .toList()) {
                        lines.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return lines.stream()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("Drools-Model-Version"))
                .toList();
    }

    /** Whether a knowledge base of this name is declared by some kjar. */
    boolean declares(String kieBaseName) {
        return declarations.containsKey(kieBaseName);
    }

    /**
     * Builds a knowledge base from the executable models of its own kjar (all of them, or those of its declared
     * packages) and of every knowledge base it includes, transitively.
     *
     * @throws RuleSetException if it, or a base it includes, is not declared, or a model class cannot be loaded
     */
    KieBase build(String kieBaseName) {
        KieBaseDeclaration declaration = declaration(kieBaseName);
        return KieBaseBuilder.createKieBaseFromModel(models(declaration, kieBaseName), equality(declaration));
    }

    /**
     * A second knowledge base of the same declaration built from the executable models (one per rule package) that
     * {@code keep} accepts, whole; null when it accepts none. Whole packages, as a kmodule's package-scoped base is
     * built: Drools 10.2.0 was measured to mishandle finer cuts (a base built from models filtered rule by rule lost
     * matches; a whole base pruned with {@code removeRule} could crash on insert).
     *
     * @throws RuleSetException as {@link #build}
     */
    KieBase buildPackages(String kieBaseName, java.util.function.Predicate<Model> keep) {
        KieBaseDeclaration declaration = declaration(kieBaseName);
        List<Model> kept =
                models(declaration, kieBaseName).stream().filter(keep).toList();
        return kept.isEmpty() ? null : KieBaseBuilder.createKieBaseFromModel(kept, equality(declaration));
    }

    private static EqualityBehaviorOption equality(KieBaseDeclaration declaration) {
        return declaration.identity() ? EqualityBehaviorOption.IDENTITY : EqualityBehaviorOption.EQUALITY;
    }

    private KieBaseDeclaration declaration(String kieBaseName) {
        KieBaseDeclaration declaration = declarations.get(kieBaseName);
        if (declaration == null) {
            throw new RuleSetException("the knowledge base '" + kieBaseName + "' was not found in any kmodule.xml on "
                    + "the class path; add the ketamine-cds-rules jar (and the site's rules jar for a site's base)");
        }
        return declaration;
    }

    private List<Model> models(KieBaseDeclaration declaration, String kieBaseName) {
        Set<String> modelClasses = new LinkedHashSet<>();
        collect(declaration, modelClasses, new LinkedHashSet<>());
        List<Model> models = new ArrayList<>();
        for (String className : modelClasses) {
            try {
                models.add((Model) Class.forName(className, true, classLoader)
                        .getDeclaredConstructor()
                        .newInstance());
            } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
                throw new RuleSetException(
                        "the executable model class " + className + " of knowledge base '" + kieBaseName
                                + "' cannot be loaded (" + e + ")",
                        e);
            }
        }
        return models;
    }

    private void collect(KieBaseDeclaration declaration, Set<String> modelClasses, Set<String> visiting) {
        if (!visiting.add(declaration.name())) {
            return;
        }
        for (String model : modelsByRoot.getOrDefault(declaration.root(), List.of())) {
            if (declaration.packages().isEmpty()
                    || declaration.packages().stream().anyMatch(p -> inPackage(model, p))) {
                modelClasses.add(model);
            }
        }
        for (String include : declaration.includes()) {
            KieBaseDeclaration included = declarations.get(include);
            if (included == null) {
                throw new RuleSetException("the knowledge base '" + declaration.name() + "' includes '" + include
                        + "', which no kmodule.xml on the class path declares");
            }
            collect(included, modelClasses, visiting);
        }
    }

    /** Whether a model class is in a kmodule package pattern ("a.b" exactly, or "a.b.*" and below). */
    private static boolean inPackage(String modelClass, String pattern) {
        String pkg = modelClass.substring(0, Math.max(0, modelClass.lastIndexOf('.')));
        if (pattern.endsWith(".*")) {
            String prefix = pattern.substring(0, pattern.length() - 2);
            return pkg.equals(prefix) || pkg.startsWith(prefix + ".");
        }
        return pkg.equals(pattern);
    }
}
