"""Time one Python tool on the networks and data that bench/compare wrote.

Usage: python3 worker.py CONFIG TOOL [THREADS]

TOOL is numpy, torch or sklearn. THREADS is a comma-separated list of
torch.set_num_threads values to try, one after the other, in this process.
The Go driver starts one process per OpenBLAS setting, because OpenBLAS reads
OPENBLAS_CORETYPE and its thread count only when it is loaded.

Output is one JSON object per line: first {"info": ...}, then one result per
network and in-process variant, or a single {"skip": REASON} when the tool
cannot be imported. The process exits 0 in both cases so that one missing
tool never stops the comparison.
"""

import json
import os
import platform
import statistics
import sys
import time


def main():
    config_path, tool = sys.argv[1], sys.argv[2]
    threads = [1]
    if len(sys.argv) > 3:
        threads = [int(t) for t in sys.argv[3].split(",")]
    with open(config_path) as f:
        config = json.load(f)
    folder = os.path.dirname(os.path.abspath(config_path))

    try:
        run = import_tool(tool)
    except ImportError as e:
        reason = "%s: %s (on Debian: apt-get install %s)" % (tool, e, PACKAGES[tool])
        emit({"skip": reason})
        return
    emit({"info": describe(tool)})
    for net in config["networks"]:
        data = load_network(folder, net)
        for result in run(config, net, data, threads):
            result["network"] = net["key"]
            emit(result)


PACKAGES = {
    "numpy": "python3-numpy",
    "torch": "python3-torch",
    "sklearn": "python3-sklearn",
}


def emit(obj):
    print(json.dumps(obj), flush=True)


def import_tool(tool):
    """Import the tool's modules and return its run function."""
    global np
    import numpy as np  # every tool reads the .npy files with numpy

    if tool == "numpy":
        return run_numpy
    if tool == "torch":
        global torch
        import torch

        return run_torch
    if tool == "sklearn":
        global MLPClassifier
        from sklearn.neural_network import MLPClassifier

        return run_sklearn
    raise ImportError("unknown tool %r: use numpy, torch or sklearn" % tool)


def describe(tool):
    """Return the versions and the OpenBLAS build and core this process uses."""
    info = {"python": platform.python_version(), "numpy": np.__version__}
    if tool == "torch":
        info["torch"] = torch.__version__
        info["torch_default_threads"] = torch.get_num_threads()
    if tool == "sklearn":
        import sklearn

        info["sklearn"] = sklearn.__version__
    info.update(openblas_info())
    return info


def openblas_info():
    """Find the OpenBLAS library mapped into this process and ask it its core."""
    import ctypes

    path = None
    with open("/proc/self/maps") as maps:
        for line in maps:
            if "openblas" in line or "libblas.so" in line:
                path = line.split()[-1]
                if "openblas" in path:
                    break
    if path is None:
        return {"blas": "no OpenBLAS library is loaded"}
    try:
        lib = ctypes.CDLL(path)
        lib.openblas_get_corename.restype = ctypes.c_char_p
        lib.openblas_get_config.restype = ctypes.c_char_p
        return {
            "blas": lib.openblas_get_config().decode(),
            "blas_core": lib.openblas_get_corename().decode(),
            "blas_threads": lib.openblas_get_num_threads(),
            "blas_path": path,
        }
    except (OSError, AttributeError) as e:
        return {"blas": "%s is not OpenBLAS: %s" % (path, e)}


def load_network(folder, net):
    """Load a network's samples, labels and initial weights and biases."""
    def load(name):
        return np.load(os.path.join(folder, name))

    return {
        "x": load(net["x"]),
        "y": load(net["y"]),
        "weights": [load(name) for name in net["weights"]],
        "biases": [load(name) for name in net["biases"]],
    }


def time_epochs(config, epoch):
    """Run warm-up and timed epochs, and return the timed seconds and losses.

    Once config["budget_seconds"] have passed and one epoch is timed, no
    more epochs run, so that a setting that is many times slower than the
    others does not stretch the comparison by minutes.
    """
    seconds, losses = [], []
    began = time.perf_counter()
    for i in range(config["warmup"] + config["epochs"]):
        start = time.perf_counter()
        loss = epoch()
        elapsed = time.perf_counter() - start
        if i >= config["warmup"]:
            seconds.append(elapsed)
            losses.append(float(loss))
        if seconds and time.perf_counter() - began > config["budget_seconds"]:
            break
    return seconds, losses


def time_single(config, fn):
    """Return the median seconds of one call of fn.

    The calls run in chunks of at least config["chunk_seconds"], so that the
    timer's resolution does not matter, and the median of config["chunks"]
    chunks is kept.
    """
    fn()
    reps = 1
    while True:
        start = time.perf_counter()
        for _ in range(reps):
            fn()
        if time.perf_counter() - start >= config["chunk_seconds"]:
            break
        reps *= 2
    per_call = []
    for _ in range(config["chunks"]):
        start = time.perf_counter()
        for _ in range(reps):
            fn()
        per_call.append((time.perf_counter() - start) / reps)
    return statistics.median(per_call)


def result(variant, seconds, losses, forward, saliency, note=""):
    return {
        "variant": variant,
        "epoch_seconds": seconds,
        "epoch_losses": losses,
        "forward_seconds": forward,
        "saliency_seconds": saliency,
        "saliency_note": note,
    }


# numpy: a hand-written float32 loop with preallocated buffers.


class NumpyNet:
    """A dense sigmoid network trained with Adam, in float32 numpy.

    Every buffer is allocated once for batches of up to rows samples, and the
    loop writes into them with out= arguments and in-place operators. The
    Adam step is the one Visage takes, with eps added to the uncorrected
    square root of v.
    """

    def __init__(self, config, weights, biases, output, rows):
        f32 = np.float32
        self.output = output
        self.w = [w.astype(f32) for w in weights]
        self.b = [b.astype(f32) for b in biases]
        units = [w.shape[1] for w in self.w]
        self.z = [np.empty((rows, u), f32) for u in units]
        self.a = [np.empty((rows, u), f32) for u in units]
        self.d = [np.empty((rows, u), f32) for u in units]
        self.s = [np.empty((rows, u), f32) for u in units]
        self.params = self.w + self.b
        self.grads = [np.empty_like(p) for p in self.params]
        self.m = [np.zeros_like(p) for p in self.params]
        self.v = [np.zeros_like(p) for p in self.params]
        self.tmp = [np.empty_like(p) for p in self.params]
        self.rows = np.arange(rows)
        self.lr, self.beta1 = config["lr"], config["beta1"]
        self.beta2, self.eps = config["beta2"], config["eps"]
        self.steps = 0

    def forward(self, x):
        """Set z and a for the rows of x, with the logits in z[-1]."""
        n = x.shape[0]
        inp = x
        for l, (w, b) in enumerate(zip(self.w, self.b)):
            z = self.z[l][:n]
            np.dot(inp, w, out=z)
            z += b
            if l < len(self.w) - 1:
                inp = sigmoid(z, self.a[l][:n])

    def predict(self, x):
        """Return the output probabilities of the rows of x."""
        self.forward(x)
        n = x.shape[0]
        z, p = self.z[-1][:n], self.a[-1][:n]
        if self.output == "binary":
            return sigmoid(z, p)
        np.subtract(z, z.max(axis=1, keepdims=True), out=p)
        np.exp(p, out=p)
        p /= p.sum(axis=1, keepdims=True)
        return p

    def score(self, y):
        """Set d[-1] to the gradient of the mean loss, and return that loss."""
        n = y.shape[0]
        z, p, d = self.z[-1][:n], self.a[-1][:n], self.d[-1][:n]
        if self.output == "binary":
            t = y.reshape(n, 1).astype(np.float32)
            loss = np.mean(np.logaddexp(0, z) - t * z)
            sigmoid(z, p)
            np.subtract(p, t, out=d)
        else:
            top = z.max(axis=1, keepdims=True)
            np.subtract(z, top, out=p)
            np.exp(p, out=p)
            total = p.sum(axis=1, keepdims=True)
            loss = np.mean(np.log(total[:, 0]) + top[:, 0] - z[self.rows[:n], y])
            p /= total
            np.copyto(d, p)
            d[self.rows[:n], y] -= 1
        d /= n
        return loss

    def backward(self, x):
        """Store the gradient of the loss in grads, from d[-1] down."""
        n = x.shape[0]
        layers = len(self.w)
        for l in range(layers - 1, -1, -1):
            d = self.d[l][:n]
            inp = x if l == 0 else self.a[l - 1][:n]
            np.dot(inp.T, d, out=self.grads[l])
            np.sum(d, axis=0, out=self.grads[layers + l])
            if l > 0:
                below = self.d[l - 1][:n]
                np.dot(d, self.w[l].T, out=below)
                scale_by_sigmoid_slope(below, self.a[l - 1][:n], self.s[l - 1][:n])

    def adam(self):
        self.steps += 1
        c1 = 1 - self.beta1**self.steps
        c2 = 1 - self.beta2**self.steps
        rate = np.float32(self.lr * c2**0.5 / c1)
        b1, b2 = np.float32(self.beta1), np.float32(self.beta2)
        for p, g, m, v, tmp in zip(self.params, self.grads, self.m, self.v, self.tmp):
            m *= b1
            np.multiply(g, 1 - b1, out=tmp)
            m += tmp
            v *= b2
            np.multiply(g, g, out=tmp)
            tmp *= 1 - b2
            v += tmp
            np.sqrt(v, out=tmp)
            tmp += np.float32(self.eps)
            np.divide(m, tmp, out=tmp)
            tmp *= rate
            p -= tmp

    def saliency(self, x):
        """Return the gradient of the top logit with respect to one input row."""
        self.forward(x)
        d = self.d[-1][:1]
        d.fill(0)
        d[0, np.argmax(self.z[-1][0])] = 1
        for l in range(len(self.w) - 1, 0, -1):
            below = self.d[l - 1][:1]
            np.dot(d, self.w[l].T, out=below)
            scale_by_sigmoid_slope(below, self.a[l - 1][:1], self.s[l - 1][:1])
            d = below
        return np.dot(d, self.w[0].T)


def sigmoid(z, out):
    with np.errstate(over="ignore"):
        np.negative(z, out=out)
        np.exp(out, out=out)
    out += 1
    np.reciprocal(out, out=out)
    return out


def scale_by_sigmoid_slope(d, a, scratch):
    """Multiply d by the sigmoid's derivative a·(1−a), in place."""
    np.subtract(1, a, out=scratch)
    scratch *= a
    d *= scratch


def run_numpy(config, net, data, threads):
    x, y = data["x"], data["y"]
    batch = config["batch"]
    model = NumpyNet(config, data["weights"], data["biases"], net["output"], batch)
    xb = np.empty((batch, x.shape[1]), np.float32)
    rng = np.random.default_rng(config["seed"])

    def epoch():
        order = rng.permutation(len(y))
        total = 0.0
        starts = range(0, len(y), batch)
        for start in starts:
            idx = order[start : start + batch]
            xs = xb[: len(idx)]
            np.take(x, idx, axis=0, out=xs)
            model.forward(xs)
            total += model.score(y[idx])
            model.backward(xs)
            model.adam()
        return total / len(starts)

    seconds, losses = time_epochs(config, epoch)
    row = x[:1].copy()
    forward = time_single(config, lambda: model.predict(row))
    saliency = time_single(config, lambda: model.saliency(row))
    yield result("float32, in-place", seconds, losses, forward, saliency)


# PyTorch: nn.Sequential, the library's own losses and Adam.


def torch_model(data):
    layers = []
    count = len(data["weights"])
    for l, (w, b) in enumerate(zip(data["weights"], data["biases"])):
        linear = torch.nn.Linear(w.shape[0], w.shape[1])
        with torch.no_grad():
            linear.weight.copy_(torch.from_numpy(w.T.copy()))
            linear.bias.copy_(torch.from_numpy(b))
        layers.append(linear)
        if l < count - 1:
            layers.append(torch.nn.Sigmoid())
    return torch.nn.Sequential(*layers)


def run_torch(config, net, data, threads):
    for count in threads:
        torch.set_num_threads(count)
        for foreach in (False, True):
            variant = "set_num_threads(%d), Adam foreach=%s" % (count, foreach)
            yield torch_variant(config, net, data, variant, foreach)


def torch_variant(config, net, data, variant, foreach):
    torch.manual_seed(config["seed"])
    x = torch.from_numpy(data["x"])
    if net["output"] == "binary":
        y = torch.from_numpy(data["y"]).float().reshape(-1, 1)
        loss_fn = torch.nn.BCEWithLogitsLoss()
    else:
        y = torch.from_numpy(data["y"]).long()
        loss_fn = torch.nn.CrossEntropyLoss()
    model = torch_model(data)
    opt = torch.optim.Adam(
        model.parameters(),
        lr=config["lr"],
        betas=(config["beta1"], config["beta2"]),
        eps=config["eps"],
        weight_decay=0,
        foreach=foreach,
    )
    batch = config["batch"]

    def epoch():
        order = torch.randperm(len(y))
        total = 0.0
        starts = range(0, len(y), batch)
        for start in starts:
            idx = order[start : start + batch]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(x[idx]), y[idx])
            loss.backward()
            opt.step()
            total += loss.item()
        return total / len(starts)

    seconds, losses = time_epochs(config, epoch)
    row = x[:1].clone()
    final = torch.sigmoid if net["output"] == "binary" else torch.nn.Softmax(dim=1)

    def forward():
        with torch.inference_mode():
            return final(model(row))

    forward_seconds = time_single(config, forward)
    for p in model.parameters():
        p.requires_grad_(False)
    saliency_row = row.clone().requires_grad_(True)

    def saliency():
        logits = model(saliency_row)
        top = logits[0].argmax()
        (grad,) = torch.autograd.grad(logits[0, top], saliency_row)
        return grad

    saliency_seconds = time_single(config, saliency)
    return result(variant, seconds, losses, forward_seconds, saliency_seconds)


# scikit-learn: MLPClassifier, one partial_fit call per epoch.


def run_sklearn(config, net, data, threads):
    x, y = data["x"], data["y"]
    hidden = tuple(w.shape[1] for w in data["weights"][:-1])
    classes = np.arange(2 if net["output"] == "binary" else data["weights"][-1].shape[1])
    # NOTE: partial_fit has no way to take initial weights, so the
    # classifier draws its own: Glorot uniform with the bound
    # sqrt(2/(fan_in+fan_out)) for logistic units, not sqrt(6/(...)).
    clf = MLPClassifier(
        hidden_layer_sizes=hidden,
        activation="logistic",
        solver="adam",
        alpha=0.0,
        batch_size=config["batch"],
        learning_rate_init=config["lr"],
        beta_1=config["beta1"],
        beta_2=config["beta2"],
        epsilon=config["eps"],
        shuffle=True,
        early_stopping=False,
        random_state=config["seed"],
    )

    def epoch():
        clf.partial_fit(x, y, classes=classes)
        return clf.loss_

    seconds, losses = time_epochs(config, epoch)
    row = x[:1].copy()
    forward = time_single(config, lambda: clf.predict_proba(row))
    note = "MLPClassifier has no input gradient"
    variant = "partial_fit, %s weights" % clf.coefs_[0].dtype
    yield result(variant, seconds, losses, forward, None, note)


if __name__ == "__main__":
    main()
