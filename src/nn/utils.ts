// filled in by the nn/optim work; kept as an empty module so the index compiles
export {};
