import { describe, expect, it } from "vitest";
import { FUNCTIONS } from "../../../cells/language/functions.ts";
import { PYTORCH_FUNCTIONS } from "../../../cells/pytorch/function-map.ts";
import { UntranslatableError } from "../../../cells/pytorch/python.ts";
import { pytorchScript } from "../../../cells/pytorch/script.ts";
import { npyBytes } from "../../../cells/pytorch/tensors.ts";
import { Sheet } from "../../../cells/sheet.ts";

function sheetOf(...sources: string[]): Sheet {
  const sheet = new Sheet({ title: "Small", seed: 3, cells: sources.map((source, i) => ({ address: `A${i + 1}`, source })) });
  sheet.evaluate();
  return sheet;
}

describe("the PyTorch script's text", () => {
  it("writes each cell under its source, in dependency order, with the sheet's semantics", () => {
    const { script } = pytorchScript(sheetOf("h = relu(dot(x, W) + b) * 2", "x = [[1, 2]]", "W = param(ones([2, 1]))", "b = param(zeros([1]))", "g = grad(sum(h), W)", "s = x[:, ::-1]'"));
    const lines = script.split("\n");
    const at = (line: string) => lines.indexOf(line);
    expect(at("# A2: x = [[1, 2]]")).toBeGreaterThan(0);
    expect(lines[at("# A2: x = [[1, 2]]") + 1]).toBe("x = torch.tensor([[1.0, 2.0]])");
    expect(lines[at("# A3: W = param(ones([2, 1]))") + 1]).toBe("W = param(torch.tensor([[1.0], [1.0]]))");
    expect(lines[at("# A1: h = relu(dot(x, W) + b) * 2") + 1]).toBe("h = torch.relu(dot(x, W) + b) * 2.0");
    expect(lines[at("# A5: g = grad(sum(h), W)") + 1]).toBe("g = grad(torch.sum(h), W)");
    expect(lines[at("# A6: s = x[:, ::-1]'") + 1]).toBe("s = transpose(np_index(x, (slice(None, None, None), slice(None, None, -1),)))");
    // x and W come before h, which reads them; the rest keeps the sheet's order.
    expect([at("# A2: x = [[1, 2]]"), at("# A3: W = param(ones([2, 1]))"), at("# A4: b = param(zeros([1]))")].every((i) => i < at("# A1: h = relu(dot(x, W) + b) * 2"))).toBe(true);
    expect(script).toContain("def dot(a, b):");
    expect(script).not.toContain("def accuracy(");
    expect(script).not.toContain('if __name__ == "__main__":');
  });

  it("writes a training cell as a Module, the sheet's optimizer and a DataLoader loop run only as a program", () => {
    const { script } = pytorchScript(sheetOf(
      "x = [[1, 2], [3, 4], [5, 6]]", "y = [[1], [0], [1]]", "w = param(zeros([2, 1]))", "loss = mse(y, dot(x, w))",
      'fit = train(loss, [w], {optimizer: "rmsprop", lr: 0.01, batch: 2, epochs: 4, feed: [x, y]})',
    ));
    const lines = script.split("\n");
    expect(lines[lines.indexOf('# A5: fit = train(loss, [w], {optimizer: "rmsprop", lr: 0.01, batch: 2, epochs: 4, feed: [x, y]})') + 1]).toBe("# trained by train_fit() below");
    for (const line of [
      "class FitModel(torch.nn.Module):",
      "    def forward(self, x, y):",
      "        w = self.w  # the trained params",
      "        loss = F.mse_loss(dot(x, w), y)",
      "    optimizer = KerasRMSprop(model.parameters(), lr=0.01, rho=0.9, momentum=0.0, epsilon=1e-7)",
      "    loader = torch.utils.data.DataLoader(data, batch_size=2, shuffle=sampler is None, sampler=sampler)",
      "    net = torch.nn.parallel.DistributedDataParallel(model, broadcast_buffers=False) if world > 1 else model",
      '        torch.distributed.init_process_group("nccl" if cuda else "gloo")',
      "    sampler = torch.utils.data.distributed.DistributedSampler(data) if world > 1 else None",
      'if __name__ == "__main__":',
    ]) expect(lines, line).toContain(line);
    expect(script).toContain("Train fit (rmsprop, batch 2, 4 epochs); --epochs N overrides the sheet's count:\n    python3 sheet.py\n");
    expect(script).toContain("    torchrun --nnodes=M --nproc_per_node=N --node_rank=NODE_RANK --master_addr=HOST --master_port=29500 sheet.py\n");
  });

  it("writes a cell that defines a function as a def, and its calls as calls", () => {
    const { script } = pytorchScript(sheetOf(
      "dense(x, W, b) = relu(dot(x, W) + b)", "x = [[1, 2]]", "W1 = param(ones([2, 1]))", "b1 = param(zeros([1]))", "h = dense(x, W1, b1) + dense(x * 2, W1, 1)",
    ));
    const lines = script.split("\n");
    const at = lines.indexOf("# A1: dense(x, W, b) = relu(dot(x, W) + b)");
    expect(lines.slice(at, at + 3)).toEqual(["# A1: dense(x, W, b) = relu(dot(x, W) + b)", "def dense(x, W, b):", "    return torch.relu(dot(x, W) + b)"]);
    const call = lines.indexOf("# A5: h = dense(x, W1, b1) + dense(x * 2, W1, 1)");
    expect(lines[call + 1]).toBe("h = dense(x, W1, b1) + dense(x * 2.0, W1, torch.tensor(1.0))");
    expect(call).toBeGreaterThan(at);
  });

  it("refuses a function that draws random values, which differ at every call in the sheet", () => {
    expect(() => pytorchScript(sheetOf("noisy(a) = a + randn([2])", "y = noisy([1, 2])"))).toThrow(
      "noisy draws random values, which the script cannot reproduce inside a function; draw them in a cell and pass them in",
    );
  });

  it("keeps a function its training loss calls inside the model's forward when its body reads a param", () => {
    const { script } = pytorchScript(sheetOf(
      "x = [[1, 2], [3, 4], [5, 6]]", "y = [[1], [0], [1]]", "w = param(zeros([2, 1]))", "b = param(zeros([1]))",
      "linear(inputs) = dot(inputs, w) + b", "loss = mse(y, linear(x))",
      'fit = train(loss, [w, b], {optimizer: "sgd", lr: 0.01, batch: 2, epochs: 1, feed: [x, y]})',
    ));
    const lines = script.split("\n");
    const forward = lines.indexOf("    def forward(self, x, y):");
    expect(lines.slice(forward + 1, forward + 7)).toEqual([
      "        w, b = self.w, self.b  # the trained params",
      "        # A5: linear(inputs) = dot(inputs, w) + b",
      "        def linear(inputs):",
      "            return dot(inputs, w) + b",
      "        # A6: loss = mse(y, linear(x))",
      "        loss = F.mse_loss(linear(x), y)",
    ]);
    expect(script).not.toContain('register_buffer("linear"');
  });

  it("embeds the values a random call drew in the sheet instead of drawing again", () => {
    const sheet = sheetOf("x = randn([2]) * 3");
    const { script } = pytorchScript(sheet);
    const v = sheet.result("A1")!.value!.data;
    const drawn = script.split("\n").find((l) => l.startsWith("drawn_x_randn = "))!;
    const values = JSON.parse(drawn.slice("drawn_x_randn = torch.tensor(".length, -1)) as number[];
    expect(values.map((d) => Math.fround(Math.fround(d) * 3))).toEqual(Array.from(v));
    expect(script).toContain("x = drawn_x_randn * 3.0");
  });

  it("quotes the script's file name in its launch lines when a shell needs it", () => {
    const { script } = pytorchScript(sheetOf("x = [1]", "w = param(zeros([1]))", "loss = sum(w * x)", "fit = train(loss, [w])"), { fileName: "My sheet's.py" });
    expect(script).toContain("    python3 'My sheet'\\''s.py'\n");
    expect(script).toContain("    torchrun --nproc_per_node=N 'My sheet'\\''s.py'\n");
  });

  it("renames a cell whose name Python or the script already uses", () => {
    const { script } = pytorchScript(sheetOf("torch = [1, 2]", "lambda = torch * 2"));
    expect(script).toContain("torch_ = torch.tensor([1.0, 2.0])");
    expect(script).toContain("lambda_ = torch_ * 2.0");
  });

  it("says which cell it cannot export and why", () => {
    const sheet = sheetOf("x = [1, 2]", "y = x + [1, 2, 3]");
    expect(() => pytorchScript(sheet)).toThrow(UntranslatableError);
    expect(() => pytorchScript(sheet)).toThrow(/^cell y \(A2\) has an error; fix it before exporting: /);
  });

  it("maps every sheet function", () => {
    expect(Object.keys(PYTORCH_FUNCTIONS).sort()).toEqual([...FUNCTIONS.keys()].sort());
    // dropout is random only inside a training step, where the script's loop turns it on.
    const kind = (name: string, f: { special?: boolean; random?: boolean }) => (f.special ? "special" : f.random && name !== "dropout" ? "embedded" : "call");
    for (const [name, f] of FUNCTIONS) expect(PYTORCH_FUNCTIONS[name]!.kind, name).toBe(kind(name, f));
  });

  it("writes .npy files NumPy reads: magic, a header padded to 64 bytes, then the values", () => {
    const bytes = npyBytes([2, 3], Float32Array.of(1, 2, 3, 4, 5, 6));
    expect(Array.from(bytes.subarray(0, 8))).toEqual([0x93, 78, 85, 77, 80, 89, 1, 0]);
    const headerLength = bytes[8]! + 256 * bytes[9]!;
    expect((10 + headerLength) % 64).toBe(0);
    expect(new TextDecoder().decode(bytes.subarray(10, 10 + headerLength)).trimEnd()).toBe("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }");
    expect(Array.from(new Float32Array(bytes.slice(10 + headerLength).buffer))).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
