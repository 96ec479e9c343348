package dev.pinnipedjava.testkit.loopback;

import java.nio.file.Path;

/** Where a {@link LoopbackTls} identity was written: the CA, the serving chain and its key. */
public record TlsFiles(Path caCertificate, Path certificate, Path privateKey) {}
