package dev.skewguard.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Certificates made at test time with the JDK's keytool (nothing secret is committed): a CA, and certificates it signs
 * for 127.0.0.1/localhost, as PEM files ({@code <name>.crt}: the certificate then the CA, {@code <name>.key}: PKCS#8).
 * The same as the collector module's test helper of that name (the modules share no test code).
 */
public final class TestPki {
    private static final String PASS = "test-only";
    private final Path dir;
    private final String caName;

    private TestPki(Path dir, String caName) {
        this.dir = dir;
        this.caName = caName;
    }

    /** A new CA named {@code caName} in {@code dir}. */
    public static TestPki ca(Path dir, String caName) throws Exception {
        TestPki pki = new TestPki(dir, caName);
        pki.keytool("-genkeypair", "-alias", caName, "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=" + caName,
                "-ext", "bc:c", "-validity", "2", "-keystore", pki.store(caName));
        pki.keytool("-exportcert", "-rfc", "-alias", caName, "-keystore", pki.store(caName), "-file",
                pki.caPem().toString());
        return pki;
    }

    /** The CA's certificate (PEM). */
    public Path caPem() {
        return dir.resolve(caName + "-ca.pem");
    }

    /** A certificate for 127.0.0.1 and localhost signed by this CA: writes {@code name.crt} and {@code name.key}. */
    public Path issue(String name) throws Exception {
        keytool("-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=" + name,
                "-validity", "2", "-keystore", store(name));
        Path csr = dir.resolve(name + ".csr");
        keytool("-certreq", "-alias", name, "-keystore", store(name), "-file", csr.toString());
        Path crt = crt(name);
        keytool("-gencert", "-rfc", "-alias", caName, "-keystore", store(caName), "-infile", csr.toString(),
                "-outfile", crt.toString(), "-validity", "2", "-ext", "san=ip:127.0.0.1,dns:localhost");
        Files.writeString(crt, Files.readString(crt) + Files.readString(caPem()));
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(store(name)))) {
            keys.load(in, PASS.toCharArray());
        }
        PrivateKey key = (PrivateKey) keys.getKey(name, PASS.toCharArray());
        Files.writeString(key(name), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(
                        key.getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        return crt;
    }

    public Path crt(String name) {
        return dir.resolve(name + ".crt");
    }

    public Path key(String name) {
        return dir.resolve(name + ".key");
    }

    /** The SHA-256 fingerprint (hex, colon-separated as openssl prints it) of {@code name}'s certificate. */
    public String fingerprint(String name) throws Exception {
        List<X509Certificate> chain = new ArrayList<>();
        try (InputStream in = Files.newInputStream(crt(name))) {
            CertificateFactory.getInstance("X.509").generateCertificates(in)
                    .forEach(c -> chain.add((X509Certificate) c));
        }
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(chain.get(0).getEncoded());
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    }

    private String store(String name) {
        return dir.resolve(name + ".p12").toString();
    }

    private void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASS, "-noprompt"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
