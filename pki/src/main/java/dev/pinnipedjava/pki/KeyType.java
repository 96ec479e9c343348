package dev.pinnipedjava.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;

/** The key algorithms a certificate authority can sign with. */
public enum KeyType {
  /** ECDSA on NIST P-256, the default (small keys, fast to generate, what Pinniped uses). */
  ECDSA_P256("EC", "SHA256withECDSA"),
  /** RSA with a 2048-bit modulus, for peers that cannot verify ECDSA. */
  RSA_2048("RSA", "SHA256withRSA");

  private final String keyAlgorithm;
  private final String signatureAlgorithm;

  KeyType(String keyAlgorithm, String signatureAlgorithm) {
    this.keyAlgorithm = keyAlgorithm;
    this.signatureAlgorithm = signatureAlgorithm;
  }

  /** The JCA signature algorithm used with keys of this type. */
  public String signatureAlgorithm() {
    return signatureAlgorithm;
  }

  /** Generates a fresh key pair of this type. */
  public KeyPair generateKeyPair(SecureRandom random) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(keyAlgorithm);
      switch (this) {
        case ECDSA_P256 -> generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        case RSA_2048 -> generator.initialize(2048, random);
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot generate " + this + " keys", e);
    }
  }

  /**
   * The type of an existing private key; only EC (assumed P-256 capable) and RSA keys are usable.
   */
  public static KeyType of(PrivateKey key) {
    return switch (key.getAlgorithm()) {
      case "EC" -> ECDSA_P256;
      case "RSA" -> RSA_2048;
      default ->
          throw new IllegalArgumentException(
              "unsupported private key algorithm " + key.getAlgorithm() + " (want EC or RSA)");
    };
  }
}
