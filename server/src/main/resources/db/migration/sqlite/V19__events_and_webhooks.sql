-- The transactional outbox: every audit entry is also an event, written by AuditLog.append in the entry's own
-- transaction as a CloudEvents 1.0 structured JSON document, ready to send, that any dispatcher can read (the webhook
-- dispatcher; a Kafka sink later). seq is the audit entry's global seq, chain and chain_seq its chain and gap-free
-- place in it (one chain per model, model:<name>): within a chain they order events as they committed. No foreign
-- key to audit_log, whose tamper tests delete and reorder rows behind the registry's back.
CREATE TABLE events (
    seq          INTEGER     PRIMARY KEY,
    chain        text        NOT NULL,
    chain_seq    integer     NOT NULL,
    type         text        NOT NULL,
    occurred_at  text        NOT NULL,
    cloud_event  text        NOT NULL,
    UNIQUE (chain, chain_seq)
);

-- Webhook subscriptions: a URL, the event types (all_types, else webhook_subscription_types) and the models
-- (all_models, else webhook_subscription_models) it receives. owner_team_id is the team whose member subscribed
-- (null: an admin did); a team's subscription only receives events of models that team owns when they happen.
-- secret is the signing secret encrypted with the webhook key; previous_secret is the one before a rotation, still
-- used beside it until previous_secret_until. A failing subscription gave up on a delivery and waits to be enabled.
CREATE TABLE webhook_subscriptions (
    id                     text        NOT NULL PRIMARY KEY,
    url                    text        NOT NULL,
    all_types              integer     NOT NULL,
    all_models             integer     NOT NULL,
    owner_team_id          integer     REFERENCES teams (id),
    state                  text        NOT NULL CHECK (state IN ('active', 'failing')),
    secret                 text        NOT NULL,
    previous_secret        text,
    previous_secret_until  text,
    created_by             text        NOT NULL,
    created_at             text        NOT NULL,
    failing_since          text
);

CREATE TABLE webhook_subscription_types (
    subscription_id  text  NOT NULL REFERENCES webhook_subscriptions (id),
    event_type       text  NOT NULL,
    PRIMARY KEY (subscription_id, event_type)
);

CREATE TABLE webhook_subscription_models (
    subscription_id  text  NOT NULL REFERENCES webhook_subscriptions (id),
    model            text  NOT NULL,
    PRIMARY KEY (subscription_id, model)
);
CREATE INDEX webhook_subscription_models_model ON webhook_subscription_models (model);

-- One row per event a subscription is to receive, inserted in the event's transaction, so nothing committed can be
-- missed; it is also the delivery log (attempts and the last one's outcome). The deliveries of one subscription and
-- chain form a line, sent in chain order: only the line's head is pending (due at next_attempt_at), the rest are
-- queued behind it, and the head's success makes the next one pending. A dispatcher claims a pending delivery by
-- setting leased_until (after SELECT ... FOR UPDATE SKIP LOCKED on PostgreSQL), so one instance at a time sends it.
-- subscription_id has no foreign key on purpose: a subscription deleted while an event commits must not make that
-- change fail.
CREATE TABLE webhook_deliveries (
    id                INTEGER     PRIMARY KEY AUTOINCREMENT,
    subscription_id   text        NOT NULL,
    event_seq         integer     NOT NULL REFERENCES events (seq),
    chain             text        NOT NULL,
    chain_seq         integer     NOT NULL,
    state             text        NOT NULL CHECK (state IN ('queued', 'pending', 'delivered', 'failed')),
    attempts          integer     NOT NULL,
    next_attempt_at   text        NOT NULL,
    first_attempt_at  text,
    leased_until      text,
    last_attempt_at   text,
    last_status       integer,
    last_latency_ms   bigint,
    last_error        text,
    delivered_at      text,
    UNIQUE (subscription_id, event_seq)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_line ON webhook_deliveries (subscription_id, chain, chain_seq)
    WHERE state <> 'delivered';
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (subscription_id, id);

-- One row per line of deliveries (a subscription and a chain), locked by whatever changes which delivery heads the
-- line: queuing an event behind it, and the head's outcome. So a delivery queued while the head's success commits
-- is never left behind a head that is gone. Claiming never needs it: it reads only pending deliveries.
CREATE TABLE webhook_lines (
    subscription_id  text  NOT NULL,
    chain            text  NOT NULL,
    PRIMARY KEY (subscription_id, chain)
);

-- Which key encrypts the webhook secrets: the key's id, recorded at first start. An instance given another key file
-- refuses to start instead of failing every delivery it cannot sign.
CREATE TABLE webhook_secret_key (
    singleton    integer     NOT NULL PRIMARY KEY DEFAULT 1 CHECK (singleton = 1),
    key_id       text        NOT NULL,
    recorded_at  text        NOT NULL
);
