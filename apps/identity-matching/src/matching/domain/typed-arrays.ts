/** `values[index] += amount`, which strict index checks do not allow on typed arrays directly. */
export function addTo(values: Float64Array | Int32Array, index: number, amount: number): void {
  values[index] = (values[index] as number) + amount;
}
