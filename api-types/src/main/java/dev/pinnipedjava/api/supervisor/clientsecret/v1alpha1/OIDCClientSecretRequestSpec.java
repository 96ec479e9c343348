package dev.pinnipedjava.api.supervisor.clientsecret.v1alpha1;

/**
 * What to do with the secrets of the OIDCClient named by the request's {@code metadata.name}.
 *
 * @param generateNewSecret create a new secret and return it once
 * @param revokeOldSecrets delete the previously stored secrets
 */
public record OIDCClientSecretRequestSpec(boolean generateNewSecret, boolean revokeOldSecrets) {}
