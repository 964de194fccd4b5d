"""Fine-tune the encoder on a CUDA GPU: PTC span identification and technique
classification (5-fold CV by article, fold = index % 5) and CheckThat! check-worthiness.

    python -m presslens.models.device_bundle /work/shared/data BUNDLE   # here: the bundle
    python scripts/device_tune.py BUNDLE OUT [si] [tc] [cw] [--smoke]   # there

Needs only numpy, torch and transformers (the bundle holds token ids, labels and the base
encoder in float16); it imports nothing of presslens, which the GPU machine does not have, so
its short training step and batching mirror `models/tuned_layers.py` rather than import them.
It runs the recipe of `presslens.models.techniques_tune` (span tagger:
2 epochs, positives weighted 2) and `presslens.models.checkworthy_encoder` (3 epochs) --
AdamW, learning rates 5e-5 (layers) and 1e-3 (head), 6% warm-up then linear decay, batches
of 32 pieces-sorted sentences, gradients clipped to 1, seed 0 -- and a span classifier
(3 epochs, cross-entropy over the mean of the span's and its sentences' pieces), each with
the top 2, top 4 and all 6 layers tuned (`VARIANTS`: the first tuned layer). Writes to OUT:
out-of-fold probabilities (`si_probs.npz`, `tc_probs.npz`), dev and dev-test probabilities
(`cw_probs.npz`), the tuned layers' int8 differences from the base and the head
(`*_w_F<first>.npz`: SI and TC trained without fold 0, CheckThat on all of train) and
`log.txt`. `presslens.models.techniques_tune --from-device` ships a span tagger from them.
On 2 CPU cores `--smoke` runs a few articles and sentences through every step.
"""

import copy
import itertools
import json
import sys
import time
from pathlib import Path

import numpy as np
import torch

HERE = Path(__file__).parent
OUT = Path(sys.argv[1])
OUT.mkdir(parents=True, exist_ok=True)
SMOKE = "--smoke" in sys.argv
dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
torch.backends.cuda.matmul.allow_tf32 = True
torch.backends.cudnn.allow_tf32 = True
T0 = time.time()
torch.set_num_threads(4)
LOG = open(OUT / "log.txt", "a")  # noqa: SIM115 (open for the whole run)


def log(*a):
    s = " ".join(str(x) for x in a)
    print(f"[{time.time() - T0:6.1f}s] {s}", flush=True)
    LOG.write(s + "\n")
    LOG.flush()


from transformers import BertConfig, BertModel  # noqa: E402 (after the device set-up)

cfg = BertConfig.from_dict(json.loads((HERE / "config.json").read_text()))
model = BertModel(cfg, add_pooling_layer=False)
with np.load(HERE / "base.npz") as b:
    sd = {
        k: torch.from_numpy(b[k].astype(np.float32) if b[k].dtype == np.float16 else b[k])
        for k in b.files
    }
sd = {k: v for k, v in sd.items() if not k.startswith("pooler")}
missing = model.load_state_dict(sd, strict=False)
log("load", missing)
model.to(dev).eval()
for p in model.parameters():
    p.requires_grad_(False)
D = dict(np.load(HERE / "data.npz"))
try:
    from transformers.masking_utils import create_bidirectional_mask

    def ext(states, mask):
        return create_bidirectional_mask(
            config=model.config, inputs_embeds=states, attention_mask=mask
        )
except Exception:

    def ext(states, mask):
        return model.get_extended_attention_mask(mask, mask.shape)


def split(ids, sizes):
    cuts = np.concatenate([[0], np.cumsum(sizes)])
    return [ids[a:b] for a, b in itertools.pairwise(cuts)]


def pad(seqs, extra=None):
    n = max(len(s) for s in seqs)
    ids = np.zeros((len(seqs), n), np.int64)
    mask = np.zeros((len(seqs), n), np.int64)
    for r, s in enumerate(seqs):
        ids[r, : len(s)] = s
        mask[r, : len(s)] = 1
    return torch.from_numpy(ids).to(dev), torch.from_numpy(mask).to(dev)


def forward(ids, mask, first, tuned):
    with torch.no_grad():
        st = model.embeddings(input_ids=ids)
        m = ext(st, mask)
        for layer in model.encoder.layer[:first]:
            st = layer(st, attention_mask=m)
            st = st[0] if isinstance(st, tuple) else st
    for layer in tuned:
        st = layer(st, attention_mask=m)
        st = st[0] if isinstance(st, tuple) else st
    return st


def parts(first, outs, steps, seed):
    torch.manual_seed(seed)
    tuned = torch.nn.ModuleList(copy.deepcopy(layer) for layer in model.encoder.layer[first:]).to(
        dev
    )
    for p in tuned.parameters():
        p.requires_grad_(True)
    head = torch.nn.Linear(outs[0], outs[1]).to(dev)
    opt = torch.optim.AdamW(
        [{"params": tuned.parameters(), "lr": 5e-5}, {"params": head.parameters(), "lr": 1e-3}],
        weight_decay=0.01,
    )
    sch = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, s / (0.06 * steps)) * max(0.0, 1 - s / steps)
    )
    return tuned, head, opt, sch


def step(loss, tuned, head, opt, sch):
    opt.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_([*tuned.parameters(), *head.parameters()], 1.0)
    opt.step()
    sch.step()
    return float(loss.detach())


def batches(lengths, size, rng):
    order = rng.permutation(len(lengths))
    out = []
    for f in range(0, len(order), size * 50):
        chunk = sorted(order[f : f + size * 50], key=lambda n: lengths[n])
        out += [np.asarray(chunk[i : i + size]) for i in range(0, len(chunk), size)]
    return [out[n] for n in rng.permutation(len(out))]


def deltas(tuned, first, head, prefix):
    base = torch.nn.ModuleList(
        copy.deepcopy(layer) for layer in model.encoder.layer[first:]
    ).state_dict()
    arr = {}
    for name, t in tuned.state_dict().items():
        d = (t - base[name]).float().cpu().numpy()
        key = f"{prefix}tuned.{name}"
        if d.ndim == 2:
            sc = np.abs(d).max(axis=1, keepdims=True) / 127
            sc = np.where(sc > 0, sc, 1.0).astype(np.float32)
            arr[key] = np.round(d / sc).astype(np.int8)
            arr[key + ".scale"] = sc
        else:
            arr[key] = d.astype(np.float16)
    arr[prefix + "head.weight"] = head.weight.detach().cpu().numpy().astype(np.float32)
    arr[prefix + "head.bias"] = head.bias.detach().cpu().numpy().astype(np.float32)
    arr[prefix + "first_tuned"] = np.array([first])
    return arr


# ---------------- SI ----------------
def run_si(variants, epochs=2):
    seqs = split(D["si_ids"], D["si_sizes"])
    labs = split(D["si_labels"], D["si_sizes"])
    owner = D["si_owner"]
    if SMOKE:
        keep = np.flatnonzero(owner < 5)
        seqs = [seqs[i] for i in keep]
        labs = [labs[i] for i in keep]
        owner = owner[keep]
    probs = {F: [None] * len(seqs) for F in variants}
    for F in variants:
        for fold in range(5):
            train = np.flatnonzero(owner % 5 != fold)
            held = np.flatnonzero(owner % 5 == fold)
            rng = np.random.default_rng(0)
            L = [len(seqs[i]) for i in train]
            nb = len(batches(L, 32, np.random.default_rng(1)))
            tuned, head, opt, sch = parts(F, (384, 1), epochs * nb, 0)
            tuned.train()
            for ep in range(epochs):
                losses = []
                for b in batches(L, 32, rng):
                    rows = train[b]
                    ids, mask = pad([seqs[i] for i in rows])
                    y = torch.full(ids.shape, -1.0, device=dev)
                    for r, i in enumerate(rows):
                        y[r, : len(labs[i])] = torch.from_numpy(labs[i].astype(np.float32))
                    logit = head(forward(ids, mask, F, tuned)).squeeze(-1)
                    k = y >= 0
                    loss = torch.nn.functional.binary_cross_entropy_with_logits(
                        logit[k], y[k], pos_weight=torch.tensor(2.0, device=dev)
                    )
                    losses.append(step(loss, tuned, head, opt, sch))
                log(f"SI F{F} fold{fold} epoch{ep + 1} loss {np.mean(losses):.4f}")
            tuned.eval()
            with torch.inference_mode():
                order = sorted(held, key=lambda i: len(seqs[i]))
                for f in range(0, len(order), 128):
                    rows = order[f : f + 128]
                    ids, mask = pad([seqs[i] for i in rows])
                    p = (
                        torch.sigmoid(head(forward(ids, mask, F, tuned)).squeeze(-1))
                        .float()
                        .cpu()
                        .numpy()
                    )
                    for r, i in enumerate(rows):
                        probs[F][i] = p[r, : len(seqs[i])].astype(np.float16)
            if fold == 0:
                np.savez_compressed(OUT / f"si_w_F{F}.npz", **deltas(tuned, F, head, ""))
        np.savez_compressed(
            OUT / "si_probs.npz",
            **{f"F{F}": np.concatenate(probs[F]) for F in probs if probs[F][0] is not None},
        )


# ---------------- TC ----------------
def run_tc(variants, epochs=3):
    seqs = split(D["si_ids"], D["si_sizes"])
    cuts = D["tc_cuts"]
    rows_all = D["tc_rows"]
    lab = D["tc_label"]
    owner = D["tc_owner"]
    # per (span,row) in-span masks
    inm, pos = [], 0
    for r in rows_all:
        n = len(seqs[r])
        inm.append(D["tc_inmask"][pos : pos + n])
        pos += n
    C = int(lab.max()) + 1
    spans = np.arange(len(lab))
    if SMOKE:
        spans = spans[owner < 10]

    def rep(batch, F, tuned):
        used = sorted({int(r) for s in batch for r in rows_all[cuts[s] : cuts[s + 1]]})
        where = {r: n for n, r in enumerate(used)}
        ids, mask = pad([seqs[r] for r in used])
        st = forward(ids, mask, F, tuned)
        real = mask.clone()
        real[:, 0] = 0
        lengths = mask.sum(1)
        for n in range(len(used)):
            real[n, lengths[n] - 1] = 0
        out = []
        for s in batch:
            sp, se = [], []
            for j in range(cuts[s], cuts[s + 1]):
                n = where[int(rows_all[j])]
                m = torch.from_numpy(inm[j]).to(dev)
                sp.append(st[n, : len(m)][m])
                se.append(st[n][real[n] > 0])
            out.append(torch.cat([torch.cat(sp).mean(0), torch.cat(se).mean(0)]))
        return torch.stack(out)

    probs = {}
    for F in variants:
        P = np.zeros((len(lab), C), np.float32)
        for fold in range(5):
            train = spans[owner[spans] % 5 != fold]
            held = spans[owner[spans] % 5 == fold]
            rng = np.random.default_rng(0)
            nb = -(-len(train) // 32)
            tuned, head, opt, sch = parts(F, (768, C), epochs * nb, 0)
            tuned.train()
            for ep in range(epochs):
                losses = []
                for b in np.array_split(rng.permutation(len(train)), nb):
                    x = rep(train[b], F, tuned)
                    y = torch.from_numpy(lab[train[b]].astype(np.int64)).to(dev)
                    losses.append(
                        step(torch.nn.functional.cross_entropy(head(x), y), tuned, head, opt, sch)
                    )
                log(f"TC F{F} fold{fold} epoch{ep + 1} loss {np.mean(losses):.4f}")
            tuned.eval()
            with torch.inference_mode():
                for f in range(0, len(held), 64):
                    b = held[f : f + 64]
                    P[b] = torch.softmax(head(rep(b, F, tuned)), -1).float().cpu().numpy()
            acc = (P[held].argmax(1) == lab[held]).mean()
            log(f"TC F{F} fold{fold} accuracy {acc:.4f}")
            if fold == 0:
                np.savez_compressed(OUT / f"tc_w_F{F}.npz", **deltas(tuned, F, head, ""))
        probs[f"F{F}"] = P
        np.savez_compressed(OUT / "tc_probs.npz", **probs)


# ---------------- CheckThat ----------------
def run_cw(variants, epochs=3, seeds=(0,)):
    data = {}
    for n in ("train", "dev", "devtest"):
        data[n] = (
            split(D[f"cw_{n}_ids"], D[f"cw_{n}_sizes"]),
            split(D[f"cw_{n}_pooled"], D[f"cw_{n}_sizes"]),
            D[f"cw_{n}_labels"],
        )
    if SMOKE:
        data["train"] = tuple(x[:100] for x in data["train"])

    def vec(seqs, pooled, F, tuned):
        ids, mask = pad(seqs)
        st = forward(ids, mask, F, tuned)
        pm = torch.zeros(mask.shape, device=dev)
        for r, p in enumerate(pooled):
            pm[r, : len(p)] = torch.from_numpy(p.astype(np.float32))
        m = (st * pm[..., None]).sum(1) / pm.sum(1, keepdim=True).clamp_min(1.0)
        return m / m.norm(dim=-1, keepdim=True).clamp_min(1e-9)

    probs = {}
    seqs, pooled, y = data["train"]
    for F in variants:
        for seed in seeds:
            rng = np.random.default_rng(seed)
            L = [len(s) for s in seqs]
            nb = len(batches(L, 32, np.random.default_rng(99)))
            tuned, head, opt, sch = parts(F, (384, 1), epochs * nb, seed)
            tuned.train()
            target = torch.from_numpy(y.astype(np.float32)).to(dev)
            for ep in range(epochs):
                losses = []
                for b in batches(L, 32, rng):
                    x = vec([seqs[i] for i in b], [pooled[i] for i in b], F, tuned)
                    losses.append(
                        step(
                            torch.nn.functional.binary_cross_entropy_with_logits(
                                head(x).squeeze(-1), target[b]
                            ),
                            tuned,
                            head,
                            opt,
                            sch,
                        )
                    )
                log(f"CW F{F} seed{seed} epoch{ep + 1} loss {np.mean(losses):.4f}")
            tuned.eval()
            for n in ("dev", "devtest"):
                s2, p2, y2 = data[n]
                out = []
                with torch.inference_mode():
                    for f in range(0, len(s2), 128):
                        out.append(
                            torch.sigmoid(
                                head(vec(s2[f : f + 128], p2[f : f + 128], F, tuned)).squeeze(-1)
                            )
                            .float()
                            .cpu()
                            .numpy()
                        )
                pr = np.concatenate(out)
                probs[f"F{F}.s{seed}.{n}"] = pr
                best = max(
                    (
                        2
                        * ((pr >= t) & (y2 == 1)).sum()
                        / max(1, (pr >= t).sum() + (y2 == 1).sum()),
                        t,
                    )
                    for t in np.arange(0.05, 0.96, 0.05)
                )
                at_half = 2 * ((pr >= 0.5) & (y2 == 1)).sum() / max(1, (pr >= 0.5).sum() + y2.sum())
                log(
                    f"CW F{F} seed{seed} {n}: best-threshold F1 {best[0]:.4f} "
                    f"at {best[1]:.2f}; F1@0.5 {at_half:.4f}"
                )
            if seed == seeds[0]:
                np.savez_compressed(OUT / f"cw_w_F{F}.npz", **deltas(tuned, F, head, ""))
            np.savez_compressed(OUT / "cw_probs.npz", **probs)


which = [a for a in sys.argv[2:] if not a.startswith("--")] or ["si", "tc", "cw"]
VARIANTS = [4] if SMOKE else [4, 2, 0]
for w in which:
    {"si": run_si, "tc": run_tc, "cw": run_cw}[w](VARIANTS)
    log(f"done {w}")
log("all done")
