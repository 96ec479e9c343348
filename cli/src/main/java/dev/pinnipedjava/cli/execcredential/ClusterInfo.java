package dev.pinnipedjava.cli.execcredential;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * {@code spec.cluster} of the ExecCredential kubectl hands the plugin when the kubeconfig sets
 * {@code provideClusterInfo: true}. It is part of the credential cache key, so that one set of
 * plugin arguments used against two clusters gives two cache entries.
 *
 * @param certificateAuthorityData base64 (standard alphabet, padded) of the PEM bundle, or null
 * @param config the exec extension of the cluster, kept as the JSON kubectl sent
 */
public record ClusterInfo(
    String server,
    @Nullable String tlsServerName,
    boolean insecureSkipTlsVerify,
    @Nullable String certificateAuthorityData,
    @Nullable String proxyUrl,
    boolean disableCompression,
    @Nullable JsonNode config) {}
