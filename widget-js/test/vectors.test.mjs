// Runs every conformance vector (spec/*.json from the shared spec directory and the extra
// cases in test/vectors/*.json) against the compiled client, in the format of spec/README.md.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  Client,
  apply,
  decodeFrame,
  diff,
  encodeMessage,
  equals,
  parseJson,
  parseValue,
  toPatch,
  toValue,
  valueText,
  writeJson,
} from "../dist/client.js";
import { deepFreeze, jsonEqual, vectorFiles } from "./helpers.mjs";

function throwsContaining(fn, substring) {
  let error = null;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  assert.ok(error, `expected an error containing ${JSON.stringify(substring)}`);
  assert.ok(
    String(error.message).includes(substring),
    `error ${JSON.stringify(error.message)} does not contain ${JSON.stringify(substring)}`,
  );
}

for (const [label, cases] of vectorFiles("values.json")) {
  describe(label, () => {
    for (const c of cases) {
      it(c.name, () => {
        if ("error" in c) throwsContaining(() => parseValue(c.input), c.error);
        else assert.equal(valueText(parseValue(c.input)), c.canonical);
      });
    }
  });
}

for (const [label, cases] of vectorFiles("apply.json")) {
  describe(label, () => {
    for (const c of cases) {
      it(c.name, () => {
        const value = deepFreeze(toValue(c.value));
        const before = valueText(value);
        if ("error" in c) {
          throwsContaining(() => apply(value, toPatch(c.patch).ops), c.error);
        } else {
          const result = apply(value, toPatch(c.patch).ops);
          assert.equal(valueText(result), valueText(toValue(c.result)));
        }
        assert.equal(valueText(value), before, "the input value must be left unchanged");
      });
    }
  });
}

for (const [label, cases] of vectorFiles("diff.json")) {
  describe(label, () => {
    for (const c of cases) {
      it(c.name, () => {
        const oldV = deepFreeze(toValue(c.old));
        const newV = toValue(c.new);
        const ops = diff(oldV, newV);
        assert.ok(equals(apply(oldV, ops), newV), "apply(old, diff(old, new)) must equal new");
        if ("ops" in c) {
          const got = parseJson(encodeMessage({ t: "patch", id: 1, patch: { rev: 0, ops } })).patch.ops;
          assert.ok(jsonEqual(got, c.ops), `ops ${writeJson(got)} differ from ${writeJson(c.ops)}`);
        }
      });
    }
  });
}

for (const [label, cases] of vectorFiles("messages.json")) {
  describe(label, () => {
    for (const c of cases) {
      it(c.name, () => {
        if ("error" in c) throwsContaining(() => decodeFrame(c.frame), c.error);
        else {
          const got = parseJson(encodeMessage(decodeFrame(c.frame)));
          assert.ok(jsonEqual(got, c.message), `decoded ${writeJson(got)}`);
        }
      });
    }
  });
}

for (const [label, cases] of vectorFiles("client.json")) {
  describe(label, () => {
    for (const c of cases) {
      it(c.name, async () => {
        const client = new Client();
        const failing = new Set(c.failing ?? []);
        const proposals = new Map();
        c.frames.forEach((frame, i) => {
          for (const p of c.propose?.[String(i)] ?? []) {
            const made = client.proposeOps(p.model, [], p.id);
            assert.equal(made.id, p.id);
            assert.ok(made.frame.includes(`"proposal":${JSON.stringify(p.id)}`), made.frame);
            const outcome = { state: "pending" };
            made.accepted.then((rev) => Object.assign(outcome, { state: "accepted", rev }), (e) => Object.assign(outcome, { state: "rejected", e }));
            proposals.set(p.id, outcome);
          }
          const ids = client.ids();
          const before = ids.map((id) => [id, client.rev(id), valueText(client.value(id))]);
          if (failing.has(i)) {
            assert.throws(() => client.recv(frame), `frame ${i} must fail`);
            const after = client.ids().map((id) => [id, client.rev(id), valueText(client.value(id))]);
            assert.deepEqual(after, before, `failing frame ${i} must change nothing`);
          } else {
            client.recv(frame);
          }
        });
        const expectIds = Object.keys(c.expect).map(Number).sort((a, b) => a - b);
        assert.deepEqual(client.ids(), expectIds);
        for (const id of expectIds) {
          const e = c.expect[String(id)];
          assert.equal(client.rev(id), Number(e.rev), `rev of model ${id}`);
          assert.equal(valueText(client.value(id)), valueText(toValue(e.value)), `value of model ${id}`);
        }
        await new Promise((resolve) => setImmediate(resolve)); // let settled promises run their handlers
        for (const [pid, want] of Object.entries(c.outcomes ?? {})) {
          const got = proposals.get(pid);
          if (want === "pending") assert.equal(got.state, "pending", `${pid} must still be pending`);
          else if ("accepted" in want) assert.deepEqual([got.state, Number(got.rev)], ["accepted", want.accepted], pid);
          else {
            assert.equal(got.state, "rejected", pid);
            assert.equal(got.e.name, "ProposalRejected");
            assert.ok(got.e.reject.error.includes(want.rejected), got.e.message);
          }
        }
        assert.equal(Object.keys(c.outcomes ?? {}).length, proposals.size, "every proposal has an outcome to check");
      });
    }
  });
}
