// svelte-check, svelte-package and the vite plugin read this: TypeScript in `<script lang="ts">`.
import { vitePreprocess } from "@sveltejs/vite-plugin-svelte";

export default { preprocess: vitePreprocess() };
