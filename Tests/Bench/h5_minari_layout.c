// The HDF5 C library writing and reading the layout Prism's RolloutWriter produces, Minari's
// (1,000 episodes x 100 steps, observations float32[101][147]): one group per episode with link
// creation order tracked; attributes id, total_steps, seed and rewards_{sum,mean,std,max,min};
// datasets observations, actions (int64), rewards (float64), terminations and truncations (numpy
// bool: an int8 enum), each chunked with maxshape None; an empty infos group. The root group's
// symbol table is sized as Prism sizes it. A plain C program doing exactly what Prism's writer
// and reader do, so that `make bench-ratios` can tell the library's cost from Prism's.
// Modes: write (close at the end), write_flushed (H5Fflush after every episode, as Prism's
// crash-safe writer), read (every dataset and the id and seed attributes of every episode).
// usage: h5_minari_layout DIR [reps=5]
#include <hdf5.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

enum { EPISODES = 1000, STEPS = 100, WIDTH = 147 };

static float observations[(STEPS + 1) * WIDTH];
static long long actions[STEPS];
static double rewards[STEPS];
static signed char terminations[STEPS], truncations[STEPS];
static hid_t bool_type;

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void write_chunked(hid_t group, const char *name, hid_t type, int rank, const hsize_t *dims, const void *data) {
    hsize_t maximum[2] = {H5S_UNLIMITED, rank > 1 ? dims[1] : 0};
    hid_t space = H5Screate_simple(rank, dims, maximum);
    hid_t creation = H5Pcreate(H5P_DATASET_CREATE);
    H5Pset_chunk(creation, rank, dims);
    hid_t dataset = H5Dcreate2(group, name, type, space, H5P_DEFAULT, creation, H5P_DEFAULT);
    H5Dwrite(dataset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data);
    H5Dclose(dataset);
    H5Pclose(creation);
    H5Sclose(space);
}

static void write_attribute(hid_t group, const char *name, hid_t type, const void *value) {
    hid_t space = H5Screate(H5S_SCALAR);
    hid_t attribute = H5Acreate2(group, name, type, space, H5P_DEFAULT, H5P_DEFAULT);
    H5Awrite(attribute, type, value);
    H5Aclose(attribute);
    H5Sclose(space);
}

static void write_file(const char *path, int flush_each_episode) {
    hid_t file_creation = H5Pcreate(H5P_FILE_CREATE);
    H5Pset_sym_k(file_creation, 0, 1024);
    H5Pset_local_heap_size_hint(file_creation, 1 << 16);
    hid_t file = H5Fcreate(path, H5F_ACC_TRUNC, file_creation, H5P_DEFAULT);
    hid_t group_creation = H5Pcreate(H5P_GROUP_CREATE);
    H5Pset_link_creation_order(group_creation, H5P_CRT_ORDER_TRACKED);
    static const char *statistics[5] = {"rewards_sum", "rewards_mean", "rewards_std", "rewards_max", "rewards_min"};
    char name[64];
    for (int e = 0; e < EPISODES; e++) {
        snprintf(name, sizeof name, "episode_%d", e);
        hid_t group = H5Gcreate2(file, name, H5P_DEFAULT, group_creation, H5P_DEFAULT);
        long long id = e, total = STEPS, seed = 1000 + e;
        write_attribute(group, "id", H5T_NATIVE_LLONG, &id);
        write_attribute(group, "total_steps", H5T_NATIVE_LLONG, &total);
        write_attribute(group, "seed", H5T_NATIVE_LLONG, &seed);
        for (int k = 0; k < 5; k++) {
            double value = rewards[k];
            write_attribute(group, statistics[k], H5T_NATIVE_DOUBLE, &value);
        }
        hsize_t observation_dims[2] = {STEPS + 1, WIDTH}, step_dims[1] = {STEPS};
        write_chunked(group, "observations", H5T_NATIVE_FLOAT, 2, observation_dims, observations);
        write_chunked(group, "actions", H5T_NATIVE_LLONG, 1, step_dims, actions);
        write_chunked(group, "rewards", H5T_NATIVE_DOUBLE, 1, step_dims, rewards);
        write_chunked(group, "terminations", bool_type, 1, step_dims, terminations);
        write_chunked(group, "truncations", bool_type, 1, step_dims, truncations);
        H5Gclose(H5Gcreate2(group, "infos", H5P_DEFAULT, group_creation, H5P_DEFAULT));
        H5Gclose(group);
        if (flush_each_episode) H5Fflush(file, H5F_SCOPE_GLOBAL);
    }
    H5Pclose(group_creation);
    H5Pclose(file_creation);
    H5Fclose(file);
}

static void read_dataset(hid_t group, const char *name, hid_t type, void *into) {
    hid_t dataset = H5Dopen2(group, name, H5P_DEFAULT);
    H5Dread(dataset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, into);
    H5Dclose(dataset);
}

static void read_file(const char *path) {
    static float observations_in[(STEPS + 1) * WIDTH];
    static long long actions_in[STEPS];
    static double rewards_in[STEPS];
    static signed char flags_in[STEPS];
    hid_t file = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    char name[64];
    for (int e = 0; e < EPISODES; e++) {
        snprintf(name, sizeof name, "episode_%d", e);
        hid_t group = H5Gopen2(file, name, H5P_DEFAULT);
        read_dataset(group, "rewards", H5T_NATIVE_DOUBLE, rewards_in);
        read_dataset(group, "actions", H5T_NATIVE_LLONG, actions_in);
        read_dataset(group, "observations", H5T_NATIVE_FLOAT, observations_in);
        read_dataset(group, "terminations", bool_type, flags_in);
        read_dataset(group, "truncations", bool_type, flags_in);
        long long value;
        for (int k = 0; k < 2; k++) {
            hid_t attribute = H5Aopen(group, k == 0 ? "id" : "seed", H5P_DEFAULT);
            H5Aread(attribute, H5T_NATIVE_LLONG, &value);
            H5Aclose(attribute);
        }
        H5Gclose(H5Gopen2(group, "infos", H5P_DEFAULT));
        H5Gclose(group);
    }
    H5Fclose(file);
}

static void report(const char *mode, double *seconds, int reps) {
    qsort(seconds, reps, sizeof(double), compare);
    printf("minari-layout %-14s median %.4f s [%.4f..%.4f]\n", mode, seconds[reps / 2], seconds[0], seconds[reps - 1]);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s DIR [reps=5]\n", argv[0]);
        return 2;
    }
    int reps = argc > 2 ? atoi(argv[2]) : 5;
    if (reps < 1 || reps > 100) reps = 5;
    for (int i = 0; i < (STEPS + 1) * WIDTH; i++) observations[i] = (float)(i % 11);
    for (int t = 0; t < STEPS; t++) {
        actions[t] = t % 7;
        rewards[t] = (t % 1000) / 1000.0;
        terminations[t] = t == STEPS - 1;
        truncations[t] = 0;
    }
    signed char value = 0;
    bool_type = H5Tenum_create(H5T_NATIVE_SCHAR);
    H5Tenum_insert(bool_type, "FALSE", &value);
    value = 1;
    H5Tenum_insert(bool_type, "TRUE", &value);
    char path[4096];
    snprintf(path, sizeof path, "%s/minari_layout.h5", argv[1]);
    double seconds[100];
    for (int flushed = 0; flushed < 2; flushed++) {
        remove(path);
        write_file(path, flushed);  // warm-up
        for (int r = 0; r < reps; r++) {
            remove(path);  // a new file each time, as a new dataset directory is
            double start = now();
            write_file(path, flushed);
            seconds[r] = now() - start;
        }
        report(flushed ? "write_flushed" : "write", seconds, reps);
    }
    read_file(path);  // warm-up
    for (int r = 0; r < reps; r++) {
        double start = now();
        read_file(path);
        seconds[r] = now() - start;
    }
    report("read", seconds, reps);
    remove(path);
    return 0;
}
