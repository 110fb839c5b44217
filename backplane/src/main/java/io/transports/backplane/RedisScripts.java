package io.transports.backplane;

/**
 * The Lua scripts the Redis backplane runs, each atomic on the server. Keys of one model share the hash
 * tag {@code {model}} and a lease's keys share {@code {lease.name}}, so every script touches one slot
 * (they would run unchanged on a Redis Cluster).
 */
final class RedisScripts {
    private RedisScripts() {}

    /**
     * KEYS: log, snapshot. ARGV: entry id "rev-0", patch JSON, id of the revision before, note ('' for
     * none), the revision as a number, the claim's deadline in Redis's clock (milliseconds since the
     * epoch). Returns {LATE, now} when Redis's {@code TIME} is past the deadline (nothing written: the
     * caller has given up on this claim or is about to, and a claim it gave up on must never land — see
     * {@link RedisBackplane#appendEntry}); {OK}; {LOST} (no snapshot: the store lost its data);
     * {GAP, last} when the revision does not follow the log's last one (or, with an empty log, the
     * snapshot's): the writer comes from before a data loss and the model was re-seeded since, so it
     * must reload rather than number its patch into the new life; {TAKEN, patch JSON, note, ...} with the
     * entries after the revision before (a missing note as ''), so the loser has what won in the same
     * round trip; or {ERROR, message}.
     */
    static final String APPEND = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            if now > tonumber(ARGV[6]) then return {'LATE', tostring(now)} end
            if redis.call('EXISTS', KEYS[2]) == 0 then return {'LOST'} end
            local newest = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
            local last
            if #newest > 0 then last = tonumber(string.match(newest[1][1], '^(%d+)'))
            else last = tonumber(redis.call('HGET', KEYS[2], 'rev')) end
            if tonumber(ARGV[5]) > last + 1 then return {'GAP', tostring(last)} end
            local r
            if ARGV[4] == '' then r = redis.pcall('XADD', KEYS[1], ARGV[1], 'p', ARGV[2])
            else r = redis.pcall('XADD', KEYS[1], ARGV[1], 'p', ARGV[2], 'n', ARGV[4]) end
            if type(r) == 'table' and r.err then
              if not string.find(r.err, 'equal or smaller', 1, true) then return {'ERROR', r.err} end
              local out = {'TAKEN'}
              for _, e in ipairs(redis.call('XRANGE', KEYS[1], '(' .. ARGV[3], '+')) do
                local f = e[2]
                local p, n = nil, ''
                for j = 1, #f, 2 do
                  if f[j] == 'p' then p = f[j + 1] elseif f[j] == 'n' then n = f[j + 1] end
                end
                if p then out[#out + 1] = p; out[#out + 1] = n end
              end
              return out
            end
            return {'OK'}
            """;

    /** KEYS: log, snapshot. ARGV: rev, snapshot JSON. Stores the first snapshot (1) unless one or a log exists (0). */
    static final String CREATE = """
            if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
            if redis.call('EXISTS', KEYS[1]) == 1 and redis.call('XLEN', KEYS[1]) > 0 then return 0 end
            redis.call('HSET', KEYS[2], 'rev', ARGV[1], 'json', ARGV[2])
            return 1
            """;

    /**
     * KEYS: snapshot, fence. ARGV: token, rev, snapshot JSON. A token lower than one already used on this
     * model is refused (0): a lease holder that lost its lease cannot write after its successor did. A
     * missing snapshot is not written (0): the store lost its data, and the model comes back only through
     * a writer's re-seed above every revision handed out (see {@link RedisBackplane#RESEED_GAP}).
     */
    static final String STORE_SNAPSHOT = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            local fence = tonumber(redis.call('GET', KEYS[2]) or '0')
            if tonumber(ARGV[1]) < fence then return 0 end
            redis.call('SET', KEYS[2], ARGV[1])
            local cur = redis.call('HGET', KEYS[1], 'rev')
            if cur and tonumber(cur) >= tonumber(ARGV[2]) then return 0 end
            redis.call('HSET', KEYS[1], 'rev', ARGV[2], 'json', ARGV[3])
            return 1
            """;

    /** KEYS: log, fence. ARGV: token, first revision to keep. Fenced like STORE_SNAPSHOT. */
    static final String TRIM = """
            local fence = tonumber(redis.call('GET', KEYS[2]) or '0')
            if tonumber(ARGV[1]) < fence then return 0 end
            redis.call('SET', KEYS[2], ARGV[1])
            if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('XTRIM', KEYS[1], 'MINID', ARGV[2] .. '-0') end
            return 1
            """;

    /** KEYS: holder, tokens. ARGV: ttl ms. A new fencing token when the lease was free (SET NX PX), else 0. */
    static final String ACQUIRE = """
            if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            local t = redis.call('INCR', KEYS[2])
            if redis.call('SET', KEYS[1], t, 'NX', 'PX', ARGV[1]) then return t end
            return 0
            """;

    /** KEYS: holder. ARGV: token, ttl ms. 1 when extended. */
    static final String RENEW = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            return 0
            """;

    /** KEYS: holder. ARGV: token. */
    static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """;
}
