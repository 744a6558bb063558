package dev.portico.command.api;

import dev.portico.command.claim.IdentityClaims;
import dev.portico.command.support.PendingUsersApi;
import dev.portico.command.support.UserpassClient;
import dev.portico.command.support.UserpassRows;
import dev.portico.stack.EmbeddedMail;
import dev.portico.testsupport.ClientApi;
import dev.portico.testsupport.StoredEvents;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the operator's pending-user tests start from: a registering client, the operator's calls, the rows. */
abstract class PendingUsersFixture {
    static final String PASSWORD = "correct horse battery";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    IdentityClaims claims;
    @Autowired
    EmbeddedMail mail;
    ClientApi api;
    UserpassClient userpass;
    PendingUsersApi pending;
    UserpassRows rows;
    StoredEvents events;

    @BeforeEach
    void connect() {
        api = new ClientApi(port);
        userpass = new UserpassClient(api);
        pending = new PendingUsersApi(api);
        rows = new UserpassRows(jdbc, claims);
        events = new StoredEvents(jdbc);
    }
}
