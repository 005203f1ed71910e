import { tensor } from "../engine/tensor.ts";

/** Placeholder until the spreadsheet UI lands: proves the page loads the engine. */
export function App() {
  const x = tensor([[1, 2], [3, 4]]);
  return (
    <main style={{ "font-family": "system-ui, sans-serif", margin: "3rem auto", "max-width": "40rem" }}>
      <h1>Tensorsheet</h1>
      <p>A reactive spreadsheet of tensors. The sheet editor is on its way; the engine is loaded:</p>
      <pre>x = {JSON.stringify(x.toArray())}  shape [{x.shape.join(", ")}]</pre>
    </main>
  );
}
