package dev.pinnipedjava.supervisor.upstream.activedirectory;

import java.util.HexFormat;

/**
 * An {@code objectGUID} value in Microsoft's text form: its first three fields are stored
 * little-endian, so they are byte-swapped before printing, as Pinniped's {@code
 * microsoftUUIDFromBinaryAttr} does.
 */
public final class MicrosoftGuid {
  private static final int SIZE = 16;

  private MicrosoftGuid() {}

  /**
   * The text form, lower case, such as {@code 04030201-0605-0807-090a-0b0c0d0e0f10} for the bytes
   * 01 to 10.
   *
   * @throws IllegalArgumentException when the value is not 16 bytes
   */
  public static String render(byte[] binary) {
    if (binary.length != SIZE) {
      throw new IllegalArgumentException(
          "an objectGUID has " + SIZE + " bytes, not " + binary.length);
    }
    byte[] ordered = {
      binary[3],
      binary[2],
      binary[1],
      binary[0],
      binary[5],
      binary[4],
      binary[7],
      binary[6],
      binary[8],
      binary[9],
      binary[10],
      binary[11],
      binary[12],
      binary[13],
      binary[14],
      binary[15]
    };
    String hex = HexFormat.of().formatHex(ordered);
    return hex.substring(0, 8)
        + "-"
        + hex.substring(8, 12)
        + "-"
        + hex.substring(12, 16)
        + "-"
        + hex.substring(16, 20)
        + "-"
        + hex.substring(20);
  }
}
