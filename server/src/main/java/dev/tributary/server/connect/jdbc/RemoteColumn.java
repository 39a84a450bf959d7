package dev.tributary.server.connect.jdbc;

/**
 * A column as the JDBC driver describes it.
 *
 * @param typeName the database's own type name ({@code DatabaseMetaData} {@code TYPE_NAME}), such as {@code numeric} or {@code _int4}
 * @param size the precision or length, 0 when the type has none
 * @param scale the digits after the decimal point, 0 when the type has none
 */
public record RemoteColumn(String typeName, int size, int scale) {}
