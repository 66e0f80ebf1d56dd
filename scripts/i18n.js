// Compiles the messages before svelte-check or the first build on a fresh checkout.
import { compile } from '@inlang/paraglide-js';
import { paraglideOptions } from '../paraglide.config.js';

await compile(paraglideOptions);
