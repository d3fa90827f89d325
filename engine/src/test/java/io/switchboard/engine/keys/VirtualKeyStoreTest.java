package io.switchboard.engine.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.engine.cost.Budget;
import io.switchboard.engine.cost.BudgetPeriod;
import io.switchboard.engine.cost.BudgetScope;
import io.switchboard.engine.cost.Money;
import io.switchboard.engine.cost.MutableClock;
import io.switchboard.engine.cost.SqliteDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VirtualKeyStoreTest {
    @TempDir
    Path dataDir;

    private final MutableClock clock = MutableClock.at("2026-06-15T12:00:00Z");
    private final byte[] pepper = "a pepper of at least sixteen bytes".getBytes(StandardCharsets.UTF_8);

    private static KeySpec aliceSpec() {
        return KeySpec.builder("alice's notebook").team("research")
                .budget(BudgetPeriod.DAY, "10").budget(BudgetPeriod.MONTH, "200")
                .maxCostPerRequest(Money.usd("0.50"))
                .allowedModels(Set.of("gpt-4o-mini", "claude-haiku-4-5")).allowedRoutes(Set.of("default"))
                .rateLimits(new RateLimits(60, 100_000)).build();
    }

    @Test
    void createAuthenticateRotateRevoke() {
        try (SqliteDatabase db = SqliteDatabase.open(dataDir)) {
            VirtualKeyStore store = new VirtualKeyStore(db, pepper, clock);
            IssuedKey issued = store.create(aliceSpec());
            assertThat(issued.plainKey()).startsWith("sk-sb-").hasSize(6 + 43).matches("sk-sb-[0-9A-Za-z]+");
            assertThat(issued.key().id()).startsWith("vk_");

            VirtualKey found = store.authenticate(issued.plainKey()).orElseThrow();
            assertThat(found.id()).isEqualTo(issued.key().id());
            assertThat(found.team()).isEqualTo("research");

            clock.advance(Duration.ofMinutes(5));
            IssuedKey rotated = store.rotate(found.id());
            assertThat(rotated.plainKey()).isNotEqualTo(issued.plainKey());
            assertThat(rotated.key().rotatedAt()).isEqualTo(clock.instant());
            assertThat(store.authenticate(issued.plainKey())).isEmpty();
            assertThat(store.authenticate(rotated.plainKey())).map(VirtualKey::id).contains(found.id());

            assertThat(store.revoke(found.id())).isTrue();
            assertThat(store.revoke(found.id())).isFalse();
            assertThat(store.authenticate(rotated.plainKey())).isEmpty();
            assertThat(store.get(found.id())).hasValueSatisfying(k -> assertThat(k.isRevoked()).isTrue());
            assertThatThrownBy(() -> store.rotate(found.id())).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> store.rotate("vk_nope")).isInstanceOf(NoSuchElementException.class);
        }
    }

    @Test
    void keysAndTheirSettingsSurviveReopening() {
        String plain;
        String id;
        try (SqliteDatabase db = SqliteDatabase.open(dataDir)) {
            VirtualKeyStore store = new VirtualKeyStore(db, pepper, clock);
            IssuedKey issued = store.create(aliceSpec());
            IssuedKey revoked = store.create(KeySpec.builder("old").build());
            store.revoke(revoked.key().id());
            plain = issued.plainKey();
            id = issued.key().id();
        }
        try (SqliteDatabase db = SqliteDatabase.open(dataDir)) {
            VirtualKeyStore store = new VirtualKeyStore(db, pepper, clock);
            VirtualKey key = store.authenticate(plain).orElseThrow();
            assertThat(key.id()).isEqualTo(id);
            assertThat(key.spec()).isEqualTo(aliceSpec());
            assertThat(key.createdAt()).isEqualTo(clock.instant());
            assertThat(store.list()).hasSize(2).filteredOn(VirtualKey::isRevoked).extracting(VirtualKey::name).containsExactly("old");
            assertThat(db.schemaVersion(VirtualKeyStore.COMPONENT)).isEqualTo(1);
        }
    }

    @Test
    void thePlainKeyIsNeverWrittenToDisk() throws Exception {
        String plain;
        try (SqliteDatabase db = SqliteDatabase.open(dataDir)) {
            VirtualKeyStore store = new VirtualKeyStore(db, pepper, clock);
            plain = store.create(aliceSpec()).plainKey();
            plain = store.rotate(store.list().getFirst().id()).plainKey();
            String secretPart = plain.substring("sk-sb-".length());
            try (Stream<Path> files = Files.list(dataDir)) {
                for (Path file : files.toList()) {
                    String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                    assertThat(bytes).as(file.toString()).doesNotContain(secretPart);
                }
            }
        }
        assertThat(plain).isNotBlank();
    }

    @Test
    void aDifferentPepperInvalidatesEveryKey() {
        String plain;
        try (SqliteDatabase db = SqliteDatabase.open(dataDir)) {
            plain = new VirtualKeyStore(db, pepper, clock).create(aliceSpec()).plainKey();
        }
        try (SqliteDatabase db = SqliteDatabase.open(dataDir)) {
            byte[] other = "another pepper, also sixteen+ bytes".getBytes(StandardCharsets.UTF_8);
            assertThat(new VirtualKeyStore(db, other, clock).authenticate(plain)).isEmpty();
            assertThat(new VirtualKeyStore(db, pepper, clock).authenticate(plain)).isPresent();
        }
    }

    @Test
    void rejectsWrongAndMalformedKeysWithoutFuss() {
        try (SqliteDatabase db = SqliteDatabase.open(dataDir)) {
            VirtualKeyStore store = new VirtualKeyStore(db, pepper, clock);
            String plain = store.create(aliceSpec()).plainKey();
            char last = plain.charAt(plain.length() - 1);
            String oneOff = plain.substring(0, plain.length() - 1) + (last == 'a' ? 'b' : 'a');
            assertThat(store.authenticate(oneOff)).isEmpty();
            assertThat(store.authenticate(null)).isEmpty();
            assertThat(store.authenticate("")).isEmpty();
            assertThat(store.authenticate("sk-proj-" + plain.substring(6))).isEmpty();
            assertThat(store.authenticate(plain + "x")).isEmpty();
            assertThat(store.authenticate(plain.substring(0, plain.length() - 1) + "!")).isEmpty();
        }
    }

    @Test
    void manyKeysEachAuthenticateAsThemselves() {
        try (SqliteDatabase db = SqliteDatabase.open(dataDir)) {
            VirtualKeyStore store = new VirtualKeyStore(db, pepper, clock, new SecureRandom());
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < 50; i++) {
                IssuedKey k = store.create(KeySpec.builder("key " + i).build());
                assertThat(ids.add(k.key().id())).isTrue();
                assertThat(store.authenticate(k.plainKey())).map(VirtualKey::id).contains(k.key().id());
            }
            assertThat(store.list()).hasSize(50);
        }
    }

    @Test
    void aKeyTellsTheEngineItsScopesBudgetsAndPermissions() {
        try (SqliteDatabase db = SqliteDatabase.open(dataDir)) {
            VirtualKey key = new VirtualKeyStore(db, pepper, clock).create(aliceSpec()).key();
            assertThat(key.scopes()).containsExactlyInAnyOrder(BudgetScope.key(key.id()), BudgetScope.team("research"));
            assertThat(key.toBudgets()).containsExactlyInAnyOrder(
                    Budget.of(BudgetScope.key(key.id()), BudgetPeriod.DAY, Money.usd(10)),
                    Budget.of(BudgetScope.key(key.id()), BudgetPeriod.MONTH, Money.usd(200)));
            assertThat(key.maxCostPerRequest()).isEqualTo(Money.usd("0.50"));
            assertThat(key.allowsModel("gpt-4o-mini")).isTrue();
            assertThat(key.allowsModel("gpt-5")).isFalse();
            assertThat(key.allowsRoute("default")).isTrue();
            assertThat(key.allowsRoute("premium")).isFalse();
            VirtualKey open = new VirtualKeyStore(db, pepper, clock).create(KeySpec.builder("open").build()).key();
            assertThat(open.allowsModel("anything")).isTrue();
            assertThat(open.scopes()).containsExactly(BudgetScope.key(open.id()));
        }
    }

    @Test
    void theIssuedKeyNeverPrintsItsSecret() {
        try (SqliteDatabase db = SqliteDatabase.open(dataDir)) {
            IssuedKey issued = new VirtualKeyStore(db, pepper, clock).create(aliceSpec());
            assertThat(issued.toString()).doesNotContain(issued.plainKey().substring(6)).contains(issued.key().id());
        }
    }

    @Test
    void specsValidateOnTheSpot() {
        assertThatThrownBy(() -> KeySpec.builder(" ").build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeySpec.builder("x").budget(BudgetPeriod.DAY, "1").budget(BudgetPeriod.DAY, "2").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyBudget.of(BudgetPeriod.DAY, "0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimits(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VirtualKeyStore(null, pepper, clock)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aShortPepperIsRefused() {
        try (SqliteDatabase db = SqliteDatabase.open(dataDir)) {
            assertThatThrownBy(() -> new VirtualKeyStore(db, new byte[8], clock)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void thePepperFileIsCreatedOnceOwnerOnlyAndReused() throws Exception {
        Path file = dataDir.resolve("secrets/keys.pepper");
        byte[] first = KeyPepper.loadOrCreate(file, new SecureRandom());
        byte[] again = KeyPepper.loadOrCreate(file, new SecureRandom());
        assertThat(first).hasSize(32).isEqualTo(again);
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        Files.write(file, new byte[4]);
        assertThatThrownBy(() -> KeyPepper.loadOrCreate(file, new SecureRandom())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void listIsOldestFirst() {
        try (SqliteDatabase db = SqliteDatabase.open(dataDir)) {
            VirtualKeyStore store = new VirtualKeyStore(db, pepper, clock);
            store.create(KeySpec.builder("first").build());
            clock.advance(Duration.ofSeconds(1));
            store.create(KeySpec.builder("second").build());
            assertThat(store.list()).extracting(VirtualKey::name).isEqualTo(List.of("first", "second"));
        }
    }
}
