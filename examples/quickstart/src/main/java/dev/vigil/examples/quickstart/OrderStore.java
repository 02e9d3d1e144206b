package dev.vigil.examples.quickstart;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Keeps the orders in a small table; every statement goes through the data source Vigil observes. */
final class OrderStore {
    private final DataSource ds;

    private OrderStore(DataSource ds) {
        this.ds = ds;
    }

    static OrderStore create(DataSource ds) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS orders (id IDENTITY PRIMARY KEY, plan VARCHAR(16), price DOUBLE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the orders table", e);
        }
        return new OrderStore(ds);
    }

    /** Saves an order and returns how many orders the plan has now: an insert and a query per checkout. */
    long save(String plan, double price) {
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO orders (plan, price) VALUES (?, ?)")) {
                insert.setString(1, plan);
                insert.setDouble(2, price);
                insert.executeUpdate();
            }
            try (PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM orders WHERE plan = ?")) {
                count.setString(1, plan);
                try (ResultSet rs = count.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot save the order", e);
        }
    }
}
