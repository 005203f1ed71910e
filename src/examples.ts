/** The sheets in public/examples/, in menu order; the first is where a new visitor lands. */
export const EXAMPLES: readonly { readonly file: string; readonly title: string }[] = [
  { file: "00-first-look.tensorsheet.json", title: "A first look at a neural network" },
  { file: "01-tensors.tensorsheet.json", title: "Tensors and their shape" },
  { file: "02-tensor-operations.tensorsheet.json", title: "The gears: tensor operations" },
  { file: "03-geometric.tensorsheet.json", title: "The geometric view of tensor operations" },
  { file: "04-gradient-tape.tensorsheet.json", title: "GradientTape: the gradient of y = 2x + 3" },
  { file: "05-chain-rule.tensorsheet.json", title: "The chain rule: grad(f, x) = grad(f, g) .* grad(g, x)" },
  { file: "06-sgd-by-hand.tensorsheet.json", title: "One step of gradient descent by hand" },
  { file: "07-backprop.tensorsheet.json", title: "Backpropagation through a two-layer network" },
  { file: "08-convnet.tensorsheet.json", title: "The first convnet: Conv2D and MaxPooling2D on MNIST" },
];

export async function fetchExample(file: string): Promise<unknown> {
  const response = await fetch(`${import.meta.env.BASE_URL}examples/${file}`);
  if (!response.ok) throw new Error(`could not load the example ${file} (HTTP ${response.status})`);
  return response.json();
}
